package circles.domain.group;

/** Static groups have members managed by hand; dynamic groups compute theirs from rules. */
public enum GroupKind {
    STATIC, DYNAMIC
}
