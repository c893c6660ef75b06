package circles.application.service.event;

import circles.application.port.in.dynamic.RecheckMemberUseCase;
import circles.application.port.in.dynamic.ReevaluateGroupsUseCase;
import circles.domain.actor.UserId;
import circles.domain.directory.ActivityRecorded;
import circles.domain.directory.DirectoryEvent;
import circles.domain.directory.GroupMembershipChanged;
import circles.domain.directory.MasterDataTreeChanged;
import circles.domain.directory.MemberChanged;
import circles.domain.directory.MembersImported;
import circles.domain.group.GroupId;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every directory event reaches the use case that keeps dynamic groups fresh after that kind of change. */
class DirectoryEventServiceTest {
    private static final OrgId ORG = new OrgId(UUID.randomUUID());
    private static final UserId BO = UserId.of("bo");
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    /** Records which use case method got which event. */
    private static final class Freshness implements RecheckMemberUseCase, ReevaluateGroupsUseCase {
        final List<String> calls = new ArrayList<>();

        @Override
        public void memberChanged(MemberChanged event) {
            calls.add("recheck member " + event.eventId());
        }

        @Override
        public void groupMembershipChanged(GroupMembershipChanged event) {
            calls.add("recheck membership " + event.eventId());
        }

        @Override
        public void activityRecorded(ActivityRecorded event) {
            calls.add("recheck activity " + event.eventId());
        }

        @Override
        public void membersImported(MembersImported event) {
            calls.add("reevaluate import " + event.eventId());
        }

        @Override
        public void masterDataTreeChanged(MasterDataTreeChanged event) {
            calls.add("reevaluate tree " + event.eventId());
        }
    }

    @Test
    void each_event_type_goes_to_its_own_freshness_use_case_once() {
        Freshness freshness = new Freshness();
        DirectoryEventService service = new DirectoryEventService(freshness, freshness);
        MemberChanged changed = MemberChanged.between(ORG, BO, null,
                new MemberChanged.Snapshot(OrgRole.MEMBER, MemberStatus.ACTIVE, MemberProfile.EMPTY), NOW);
        GroupMembershipChanged membership = GroupMembershipChanged.of(ORG, new GroupId(UUID.randomUUID()), BO, NOW);
        ActivityRecorded activity = ActivityRecorded.of(ORG, List.of(BO), NOW);
        MembersImported imported = new MembersImported(UUID.randomUUID(), ORG, 3, 1, NOW);
        MasterDataTreeChanged tree = MasterDataTreeChanged.of(ORG, MasterDataKind.DEPARTMENT,
                MasterDataKey.of("engineering"), NOW);

        List<DirectoryEvent> events = List.of(changed, membership, activity, imported, tree);
        events.forEach(service::handle);

        assertThat(freshness.calls).containsExactly("recheck member " + changed.eventId(),
                "recheck membership " + membership.eventId(), "recheck activity " + activity.eventId(),
                "reevaluate import " + imported.eventId(), "reevaluate tree " + tree.eventId());
    }
}
