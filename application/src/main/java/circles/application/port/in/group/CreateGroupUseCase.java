package circles.application.port.in.group;

import circles.domain.group.Group;
import circles.domain.shared.Require;

/** Creates a group: an org group (org admins) or a standalone one (anyone signed in, who becomes its owner). */
public interface CreateGroupUseCase {
    GroupView create(Command command);

    /**
     * {@code rule} (the document as plain Java values) and {@code refreshIntervalMinutes} are for dynamic groups
     * only; a dynamic group needs a rule.
     */
    record Command(Group.Draft draft, Object rule, Integer refreshIntervalMinutes) {
        public Command {
            Require.present(draft, "group");
            Require.present(draft.type(), "type");
            Require.present(draft.visibility(), "visibility");
        }

        public Command(Group.Draft draft) {
            this(draft, null, null);
        }
    }
}
