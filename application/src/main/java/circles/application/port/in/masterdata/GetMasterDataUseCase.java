package circles.application.port.in.masterdata;

import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;

/** One entry of an org's master data; every member of the org may read it. */
public interface GetMasterDataUseCase {
    MasterDataNode get(OrgId orgId, MasterDataKind kind, MasterDataKey key);
}
