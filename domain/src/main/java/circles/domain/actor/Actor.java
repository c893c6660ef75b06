package circles.domain.actor;

import java.util.Set;

/**
 * Whoever calls: a signed-in user (or service account) with the platform-wide roles of their token.
 * Rights inside an org or a group come from Circles' own data, not from here.
 */
public record Actor(UserId userId, String name, String email, Set<String> roles) {
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String ACTIVITY_INGEST = "activity-ingest";
    public static final Actor SYSTEM = new Actor(new UserId("system"), "Circles", null, Set.of(PLATFORM_ADMIN));

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean isPlatformAdmin() {
        return roles.contains(PLATFORM_ADMIN);
    }
}
