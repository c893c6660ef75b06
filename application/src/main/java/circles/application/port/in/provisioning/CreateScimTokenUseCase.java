package circles.application.port.in.provisioning;

import circles.domain.org.OrgId;
import circles.domain.provisioning.ScimToken;
import circles.domain.shared.Require;

import java.time.Instant;

/** Issues a SCIM token for an org (org admins and it_admins). Its secret is returned this once and never again. */
public interface CreateScimTokenUseCase {
    IssuedScimToken create(Command command);

    record Command(OrgId orgId, String name, Instant expiresAt) {
        public Command {
            Require.present(orgId, "orgId");
            name = Require.text(name, "name", ScimToken.NAME_MAX);
        }
    }

    record IssuedScimToken(ScimToken token, String secret) {
    }
}
