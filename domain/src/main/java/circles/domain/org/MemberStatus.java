package circles.domain.org;

public enum MemberStatus {
    ACTIVE, SUSPENDED, DEACTIVATED
}
