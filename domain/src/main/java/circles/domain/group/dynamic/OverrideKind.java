package circles.domain.group.dynamic;

/** The two lists of a dynamic group: an include puts an active org member in, an exclude keeps a user out. */
public enum OverrideKind {
    INCLUDE, EXCLUDE
}
