package circles.domain.group;

/** {@code PENDING} waits for approval; approving sets {@code ACTIVE}, rejecting removes the membership. */
public enum MembershipStatus {
    ACTIVE, PENDING, SUSPENDED
}
