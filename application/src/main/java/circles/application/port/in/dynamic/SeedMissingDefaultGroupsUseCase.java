package circles.application.port.in.dynamic;

import circles.domain.org.OrgId;

import java.util.List;

/**
 * Gives every org that lacks some of its default groups the missing ones: run after start-up, so that orgs made
 * before default groups existed (or before a preset was added) get them. Safe to run on several instances at once:
 * an org another instance is seeding right now is skipped, and no org ever gets a preset twice.
 */
public interface SeedMissingDefaultGroupsUseCase {
    Report seedMissing();

    /** An org whose seeding failed (it is tried again on the next run), with the reason. */
    record Failure(OrgId orgId, String reason) {
    }

    /**
     * @param orgsSeeded    orgs that got at least one default group
     * @param groupsCreated default groups created
     * @param orgsSkipped   orgs another instance was seeding at the same moment
     */
    record Report(int orgsSeeded, int groupsCreated, int orgsSkipped, List<Failure> failures) {
        public Report {
            failures = List.copyOf(failures);
        }
    }
}
