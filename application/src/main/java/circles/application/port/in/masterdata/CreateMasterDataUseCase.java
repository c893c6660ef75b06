package circles.application.port.in.masterdata;

import circles.domain.actor.UserId;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;

/** Adds an entry to an org's master data; a tree entry may name a parent and a manager (an org member). */
public interface CreateMasterDataUseCase {
    MasterDataNode create(Command command);

    record Command(OrgId orgId, MasterDataKind kind, MasterDataKey key, String name, MasterDataKey parentKey,
                   UserId managerId) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(kind, "kind");
            Require.present(key, "key");
            name = Require.text(name, "name", MasterDataNode.NAME_MAX);
        }
    }
}
