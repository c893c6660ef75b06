package circles.domain.group;

/** What a group stands for. {@code STANDALONE} groups, and only they, belong to no org. */
public enum GroupType {
    ORGANIZATION, DEPARTMENT, PROJECT, CUSTOM, STANDALONE
}
