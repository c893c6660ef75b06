package circles.domain.masterdata;

import circles.domain.org.MemberProfile;

/**
 * The kinds of master data an org keeps: departments and locations are trees, cost centers and job titles are
 * lists. Each names the profile field whose values are its keys.
 */
public enum MasterDataKind {
    DEPARTMENT(true, "department"),
    LOCATION(true, "location"),
    COST_CENTER(false, "costCenter"),
    JOB_TITLE(false, "jobTitle");

    private final boolean tree;
    private final String profileField;

    MasterDataKind(boolean tree, String profileField) {
        this.tree = tree;
        this.profileField = profileField;
    }

    public boolean isTree() {
        return tree;
    }

    /** The wire name of the profile field that holds keys of this kind. */
    public String profileField() {
        return profileField;
    }

    /** The key a profile names in this kind's field (or null). */
    public String valueIn(MemberProfile profile) {
        return switch (this) {
            case DEPARTMENT -> profile.department();
            case LOCATION -> profile.location();
            case COST_CENTER -> profile.costCenter();
            case JOB_TITLE -> profile.jobTitle();
        };
    }

    /** The profile with this kind's field set to {@code key}. */
    public MemberProfile replaceIn(MemberProfile p, String key) {
        return new MemberProfile(p.email(), p.displayName(),
                this == DEPARTMENT ? key : p.department(),
                this == LOCATION ? key : p.location(),
                this == JOB_TITLE ? key : p.jobTitle(),
                p.managerId(), p.orgUnitPath(), p.employeeType(),
                this == COST_CENTER ? key : p.costCenter(),
                p.userType(), p.customAttributes(), p.lastLoginAt());
    }
}
