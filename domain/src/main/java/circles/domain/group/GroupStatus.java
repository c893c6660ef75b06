package circles.domain.group;

public enum GroupStatus {
    ACTIVE, ARCHIVED
}
