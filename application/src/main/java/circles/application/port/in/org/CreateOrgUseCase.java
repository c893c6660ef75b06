package circles.application.port.in.org;

import circles.domain.actor.UserId;
import circles.domain.org.Organization;
import circles.domain.shared.Require;
import circles.domain.shared.Slug;

import java.util.List;

/** A platform admin creates an org; the listed users become its admins. */
public interface CreateOrgUseCase {
    OrgView create(Command command);

    record Command(String name, Slug slug, List<UserId> adminUserIds) {
        public Command {
            name = Require.text(name, "name", Organization.NAME_MAX);
            Require.present(slug, "slug");
            adminUserIds = List.copyOf(Require.atMost(adminUserIds == null ? List.of() : adminUserIds, 100,
                    "adminUserIds"));
        }
    }
}
