package circles.domain.org;

/** A member's role inside an org. {@code it_admin} has the rights of {@code admin} except deciding who is an admin. */
public enum OrgRole {
    ADMIN, IT_ADMIN, MEMBER;

    public boolean administers() {
        return this == ADMIN || this == IT_ADMIN;
    }
}
