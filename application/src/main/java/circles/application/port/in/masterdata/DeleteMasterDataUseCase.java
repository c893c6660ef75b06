package circles.application.port.in.masterdata;

import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;

/**
 * Deletes an entry that has no children. Without {@code reassignTo} no member profile may name it; with it,
 * the profiles that name it are changed to name {@code reassignTo} instead, in the same transaction.
 */
public interface DeleteMasterDataUseCase {
    Result delete(Command command);

    record Command(OrgId orgId, MasterDataKind kind, MasterDataKey key, MasterDataKey reassignTo) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(kind, "kind");
            Require.present(key, "key");
        }
    }

    record Result(int reassignedMembers) {
    }
}
