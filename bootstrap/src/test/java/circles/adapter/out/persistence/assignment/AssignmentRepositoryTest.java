package circles.adapter.out.persistence.assignment;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.assignment.AssignmentRepository.Reach;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.group.Assignment;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class AssignmentRepositoryTest extends PersistenceTest {

    @Test
    void saves_finds_lists_and_deletes_assignments_of_a_group() {
        Organization org = newOrg();
        Group group = newGroup(org.id(), unique("Course"), null, Visibility.PUBLIC);
        Group other = newGroup(org.id(), unique("Other"), null, Visibility.PUBLIC);
        UserId by = new UserId("admin");
        Instant start = now();
        List<Assignment> saved = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Assignment assignment = Assignment.assign(group, "course", "c-" + i, by, start.plusSeconds(i));
            saved.add(assignment);
            inTx(() -> {
                tenant.enter(org.id());
                assignments.save(assignment);
            });
        }

        inTx(() -> {
            tenant.enter(org.id());
            assertThat(assignments.find(group.id(), saved.get(2).id())).contains(saved.get(2));
            assertThat(assignments.find(other.id(), saved.get(2).id())).isEmpty();
            assertThat(assignments.exists(group.id(), "course", "c-1")).isTrue();
            assertThat(assignments.exists(other.id(), "course", "c-1")).isFalse();
        });

        List<Assignment> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (request != null) {
            PageRequest current = request;
            Page<Assignment> page = tx(() -> {
                tenant.enter(org.id());
                return assignments.list(group.id(), current);
            });
            listed.addAll(page.items());
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
        }
        assertThat(listed).containsExactlyElementsOf(saved);

        assertThatThrownBy(() -> inTx(() -> {
            tenant.enter(org.id());
            assignments.save(Assignment.assign(group, "course", "c-0", by, now()));
        })).isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("assignment-exists"));

        inTx(() -> {
            tenant.enter(org.id());
            assignments.delete(saved.getFirst().id());
        });
        assertThat(tx(() -> {
            tenant.enter(org.id());
            return assignments.exists(group.id(), "course", "c-0");
        })).isFalse();
    }

    @Test
    void what_reaches_a_user_comes_through_their_groups_and_the_ancestors_of_them() {
        Organization org = newOrg();
        Group root = newGroup(org.id(), unique("Root"), null, Visibility.PUBLIC);
        Group team = newGroup(org.id(), unique("Team"), root, Visibility.PUBLIC);
        Group pendingGroup = newGroup(org.id(), unique("Pending"), null, Visibility.PUBLIC);
        Group unrelated = newGroup(org.id(), unique("Unrelated"), null, Visibility.PUBLIC);
        UserId userId = user("learner");
        newOrgMember(org.id(), userId, OrgRole.MEMBER);
        join(team, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        join(pendingGroup, userId, GroupRole.MEMBER, MembershipStatus.PENDING);
        UserId by = new UserId("admin");
        Instant start = now();
        inTx(() -> {
            tenant.enter(org.id());
            assignments.save(Assignment.assign(root, "course", "shared", by, start));
            assignments.save(Assignment.assign(team, "course", "shared", by, start.plusSeconds(1)));
            assignments.save(Assignment.assign(team, "channel", "team-chat", by, start.plusSeconds(2)));
            assignments.save(Assignment.assign(root, "doc", "handbook", by, start.plusSeconds(3)));
            assignments.save(Assignment.assign(pendingGroup, "course", "not-yet", by, start));
            assignments.save(Assignment.assign(unrelated, "course", "elsewhere", by, start));
        });

        List<Reach> reached = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (request != null) {
            PageRequest current = request;
            Page<Reach> page = tx(() -> assignments.reaching(org.id(), userId, now(), current));
            reached.addAll(page.items());
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
        }
        assertThat(reached).extracting(reach -> reach.assignment().resourceType() + "/" + reach.assignment().resourceId())
                .containsExactly("channel/team-chat", "course/shared", "doc/handbook");
        // Each reaches the user through their own group, whichever group above it holds the assignment.
        assertThat(reached).allSatisfy(reach -> assertThat(reach.viaGroupIds()).containsExactly(team.id()));
        Reach shared = reached.get(1);
        assertThat(shared.assignment().groupId()).isEqualTo(root.id());

        // A direct membership of the group above adds it as a second way in.
        join(root, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        List<Reach> again = tx(() -> assignments.reaching(org.id(), userId, now(), PageRequest.first(10))).items();
        assertThat(again.get(1).viaGroupIds()).containsExactlyInAnyOrder(root.id(), team.id());
        assertThat(again.get(0).viaGroupIds()).containsExactly(team.id());
    }
}
