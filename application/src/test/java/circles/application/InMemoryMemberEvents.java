package circles.application;

import circles.application.port.out.event.MemberEvents;
import circles.domain.activity.ActivityRecorded;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;
import circles.domain.group.GroupMembershipChanged;

import java.util.ArrayList;
import java.util.List;

/** Records the published directory events, in order; publishing needs an open transaction, as the outbox does. */
public final class InMemoryMemberEvents implements MemberEvents {
    private final InMemoryDatabase db;
    private final List<MemberChanged> changes = new ArrayList<>();
    private final List<MembersImported> imports = new ArrayList<>();
    private final List<MasterDataTreeChanged> treeChanges = new ArrayList<>();
    private final List<GroupMembershipChanged> membershipChanges = new ArrayList<>();
    private final List<ActivityRecorded> activity = new ArrayList<>();

    public InMemoryMemberEvents(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void memberChanged(MemberChanged event) {
        db.requireTransaction();
        changes.add(event);
    }

    @Override
    public void membersImported(MembersImported event) {
        db.requireTransaction();
        imports.add(event);
    }

    @Override
    public void masterDataTreeChanged(MasterDataTreeChanged event) {
        db.requireTransaction();
        treeChanges.add(event);
    }

    @Override
    public void groupMembershipChanged(GroupMembershipChanged event) {
        db.requireTransaction();
        membershipChanges.add(event);
    }

    @Override
    public void activityRecorded(ActivityRecorded event) {
        db.requireTransaction();
        activity.add(event);
    }

    public List<ActivityRecorded> activity() {
        return List.copyOf(activity);
    }

    public List<MasterDataTreeChanged> treeChanges() {
        return List.copyOf(treeChanges);
    }

    public List<GroupMembershipChanged> membershipChanges() {
        return List.copyOf(membershipChanges);
    }

    public List<MemberChanged> changes() {
        return List.copyOf(changes);
    }

    public List<MembersImported> imports() {
        return List.copyOf(imports);
    }

    /** Changes published from now on: call {@link Mark#changes()} after the use case. */
    public Mark mark() {
        int from = changes.size();
        return () -> List.copyOf(changes.subList(from, changes.size()));
    }

    @FunctionalInterface
    public interface Mark {
        List<MemberChanged> changes();
    }
}
