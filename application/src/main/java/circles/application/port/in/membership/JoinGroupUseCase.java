package circles.application.port.in.membership;

import circles.domain.group.GroupId;
import circles.domain.group.Membership;

/** The caller joins a public group: active at once, or pending where the group requires approval. */
public interface JoinGroupUseCase {
    Joined join(GroupId groupId);

    /** {@code created} is false when the caller was already a member (joining twice changes nothing). */
    record Joined(Membership membership, boolean created) {
    }
}
