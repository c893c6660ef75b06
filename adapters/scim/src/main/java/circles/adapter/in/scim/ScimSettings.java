package circles.adapter.in.scim;

import circles.application.port.in.provisioning.DeprovisionUserUseCase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;

/**
 * How the SCIM endpoint maps users: which SCIM attribute carries the OIDC subject that becomes the member's user
 * id ({@code circles.scim.subject-attribute}: {@code externalId} or {@code userName}), and what DELETE does to a
 * user ({@code circles.scim.user-delete}: {@code deactivate} or {@code delete}). Checked at start-up.
 */
@ApplicationScoped
public class ScimSettings {
    public enum SubjectAttribute { EXTERNAL_ID, USER_NAME }

    private final SubjectAttribute subjectAttribute;
    private final DeprovisionUserUseCase.Mode userDelete;

    @Inject
    public ScimSettings(@ConfigProperty(name = "circles.scim.subject-attribute", defaultValue = "externalId")
                        String subjectAttribute,
                        @ConfigProperty(name = "circles.scim.user-delete", defaultValue = "deactivate")
                        String userDelete) {
        this.subjectAttribute = switch (subjectAttribute.strip().toLowerCase(Locale.ROOT)) {
            case "externalid" -> SubjectAttribute.EXTERNAL_ID;
            case "username" -> SubjectAttribute.USER_NAME;
            default -> throw new IllegalStateException("circles.scim.subject-attribute must be externalId or"
                    + " userName, not '" + subjectAttribute + "'");
        };
        this.userDelete = switch (userDelete.strip().toLowerCase(Locale.ROOT)) {
            case "deactivate" -> DeprovisionUserUseCase.Mode.DEACTIVATE;
            case "delete" -> DeprovisionUserUseCase.Mode.DELETE;
            default -> throw new IllegalStateException("circles.scim.user-delete must be deactivate or delete, not '"
                    + userDelete + "'");
        };
    }

    void checkAtStartup(@Observes StartupEvent started) {
        // Constructing the bean has checked the settings.
    }

    public SubjectAttribute subjectAttribute() {
        return subjectAttribute;
    }

    public boolean subjectIsExternalId() {
        return subjectAttribute == SubjectAttribute.EXTERNAL_ID;
    }

    public DeprovisionUserUseCase.Mode userDelete() {
        return userDelete;
    }
}
