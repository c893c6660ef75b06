package circles.application;

import circles.application.port.out.event.DirectoryEvents;
import circles.domain.directory.ActivityRecorded;
import circles.domain.directory.DirectoryEvent;
import circles.domain.directory.GroupMembershipChanged;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the published directory events, in order; publishing needs an open transaction, as the outbox does. It
 * keeps every event as it came, so a new event type needs nothing here.
 */
public final class InMemoryDirectoryEvents implements DirectoryEvents {
    private final InMemoryDatabase db;
    private final List<DirectoryEvent> published = new ArrayList<>();

    public InMemoryDirectoryEvents(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void publish(DirectoryEvent event) {
        db.requireTransaction();
        published.add(event);
    }

    /** The published events of one type, in the order they were published. */
    public <E extends DirectoryEvent> List<E> of(Class<E> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<ActivityRecorded> activity() {
        return of(ActivityRecorded.class);
    }

    public List<MasterDataTreeChanged> treeChanges() {
        return of(MasterDataTreeChanged.class);
    }

    public List<GroupMembershipChanged> membershipChanges() {
        return of(GroupMembershipChanged.class);
    }

    public List<MemberChanged> changes() {
        return of(MemberChanged.class);
    }

    public List<MembersImported> imports() {
        return of(MembersImported.class);
    }

    /** Changes published from now on: call {@link Mark#changes()} after the use case. */
    public Mark mark() {
        int from = changes().size();
        return () -> {
            List<MemberChanged> all = changes();
            return List.copyOf(all.subList(from, all.size()));
        };
    }

    @FunctionalInterface
    public interface Mark {
        List<MemberChanged> changes();
    }
}
