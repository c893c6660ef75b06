package circles.application.port.in;

import circles.domain.group.Group;
import circles.domain.shared.Require;

/** Creates a group: an org group (org admins) or a standalone one (anyone signed in, who becomes its owner). */
public interface CreateGroupUseCase {
    GroupView create(Command command);

    record Command(Group.Draft draft) {
        public Command {
            Require.present(draft, "group");
            Require.present(draft.type(), "type");
            Require.present(draft.visibility(), "visibility");
        }
    }
}
