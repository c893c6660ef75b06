package circles.application.port.in.masterdata;

import circles.domain.actor.UserId;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;

import java.util.Optional;

/**
 * Renames an entry, moves it (with its subtree) under another parent or to the root, or changes its manager.
 * {@code null} leaves a field unchanged; {@code Optional.empty()} clears it (a cleared parent makes a root).
 * Keys never change.
 */
public interface UpdateMasterDataUseCase {
    MasterDataNode update(Command command);

    record Command(OrgId orgId, MasterDataKind kind, MasterDataKey key, Long expectedVersion, String name,
                   Optional<MasterDataKey> parentKey, Optional<UserId> managerId) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(kind, "kind");
            Require.present(key, "key");
            name = name == null ? null : Require.text(name, "name", MasterDataNode.NAME_MAX);
        }
    }
}
