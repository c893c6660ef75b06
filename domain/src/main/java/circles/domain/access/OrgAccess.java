package circles.domain.access;

import circles.domain.actor.Actor;
import circles.domain.org.OrgRole;

/**
 * What an actor may do in one org, from their platform role and their (active) org role.
 * An actor without an org role is an outsider: the org does not exist for them.
 */
public record OrgAccess(Actor actor, OrgRole role) {

    public boolean isMember() {
        return actor.isPlatformAdmin() || role != null;
    }

    public boolean administers() {
        return actor.isPlatformAdmin() || (role != null && role.administers());
    }

    /** Only admins (not it_admins) decide who is an admin. */
    public boolean decidesAdmins() {
        return actor.isPlatformAdmin() || role == OrgRole.ADMIN;
    }

    /**
     * Whether the actor may suspend, deactivate, reactivate or remove a member holding {@code targetRole}, or make
     * someone an admin: only admins decide about admins (it_admins and the tokens they issued do not).
     */
    public Decision mayChangeStandingOf(OrgRole targetRole) {
        return targetRole != OrgRole.ADMIN || decidesAdmins() ? Decision.allowed()
                : Decision.forbidden("only org admins suspend, deactivate or remove an admin");
    }

    public boolean mayReadDirectory() {
        return isMember();
    }

    public boolean mayManageMembers() {
        return administers();
    }

    public boolean mayCreateGroups() {
        return administers();
    }

    public boolean mayReadAudit() {
        return administers();
    }
}
