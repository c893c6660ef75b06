package circles.application.permissions;

import circles.application.permissions.PermissionModel.Terms;

import java.util.Map;
import java.util.Set;

/**
 * Drives the permission model's calls against one level of Circles (the use cases, or REST and SCIM) and reports
 * what that level holds afterwards. Each driver maps the model's handles to its own ids.
 */
public interface PermissionDriver {

    /** Makes the call as its caller and tells how it ended. */
    Verdict.Outcome perform(PermissionCall call);

    /** The group tree: each group's parent ("-" for the top level). */
    Map<String, String> parents();

    /** The direct members of every static group, with their terms as stored. */
    Map<String, Map<String, Terms>> memberships();

    /** The groups a person sees (reads without a 404). */
    Set<String> sightOf(String userId);

    /**
     * The static groups a person is an active effective member of, as the content assigned to them tells; null if
     * this level does not observe it.
     */
    default Set<String> effectiveGroupsOf(String userId) {
        return null;
    }
}
