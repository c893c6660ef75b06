package circles.application.port.in.masterdata;

import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;

/** An org's master data of one kind, in tree order; every member of the org may read it. */
public interface ListMasterDataUseCase {
    Page<MasterDataNode> list(OrgId orgId, MasterDataKind kind, MasterDataRepository.Filter filter,
                              PageRequest page);
}
