package circles.application.port.in.group;

/** Archives groups past their expiry and ends memberships past their validity. Safe to run on several instances. */
public interface ExpireGroupsUseCase {
    Report expire();

    record Report(int archivedGroups, int endedMemberships) {
    }
}
