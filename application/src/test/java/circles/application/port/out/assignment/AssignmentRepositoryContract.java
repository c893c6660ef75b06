package circles.application.port.out.assignment;

import circles.application.port.out.assignment.AssignmentRepository.Reach;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.group.Assignment;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link AssignmentRepository} rely on, whichever storage serves it: assignments found only under
 * their own group, a resource assigned to a group once, lists in assignment order page by page, and what reaches a
 * user through the static groups they effectively belong to and the groups above those.
 */
public abstract class AssignmentRepositoryContract {
    protected abstract PortFixture fixture();

    protected abstract AssignmentRepository repository();

    private static final UserId BY = new UserId("admin");

    @Test
    void saves_finds_lists_and_deletes_the_assignments_of_a_group() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group group = world.newGroup(org.id(), unique("Course"), null);
        Group other = world.newGroup(org.id(), unique("Other"), null);
        Instant start = world.now();
        List<Assignment> saved = new ArrayList<>();
        // Saved out of order: the list follows the time of assignment, not the order of saving.
        for (int i : List.of(3, 0, 4, 1, 2)) {
            Assignment assignment = Assignment.assign(group, "course", "c-" + i, BY, start.plusSeconds(i));
            saved.add(assignment);
            inOrg(world, org, () -> repository().save(assignment));
        }
        List<Assignment> byTime = saved.stream().sorted((a, b) -> a.assignedAt().compareTo(b.assignedAt())).toList();

        inOrg(world, org, () -> {
            assertThat(repository().find(group.id(), byTime.get(2).id())).contains(byTime.get(2));
            assertThat(repository().find(other.id(), byTime.get(2).id())).isEmpty();
            assertThat(repository().exists(group.id(), "course", "c-1")).isTrue();
            assertThat(repository().exists(group.id(), "doc", "c-1")).isFalse();
            assertThat(repository().exists(other.id(), "course", "c-1")).isFalse();
            assertThat(repository().list(other.id(), PageRequest.first(10)).items()).isEmpty();
        });

        List<Assignment> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        int pages = 0;
        while (request != null) {
            PageRequest current = request;
            Page<Assignment> page = world.inOrg(org.id(), () -> repository().list(group.id(), current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            listed.addAll(page.items());
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactlyElementsOf(byTime);

        inOrg(world, org, () -> repository().delete(byTime.getFirst().id()));
        inOrg(world, org, () -> {
            assertThat(repository().exists(group.id(), "course", "c-0")).isFalse();
            assertThat(repository().find(group.id(), byTime.getFirst().id())).isEmpty();
            assertThat(repository().list(group.id(), PageRequest.first(10)).items())
                    .containsExactlyElementsOf(byTime.subList(1, 5));
        });
    }

    @Test
    void a_resource_is_assigned_to_a_group_once_even_past_the_use_case_check() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group group = world.newGroup(org.id(), unique("Course"), null);
        Group other = world.newGroup(org.id(), unique("Other"), null);
        Assignment first = Assignment.assign(group, "course", "intro", BY, world.now());
        inOrg(world, org, () -> repository().save(first));

        assertThatThrownBy(() -> inOrg(world, org, () -> repository().save(Assignment.assign(group, "course",
                "intro", BY, world.now()))))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("assignment-exists"));
        // Another group, or another kind of resource with the same id, is a different assignment.
        inOrg(world, org, () -> repository().save(Assignment.assign(other, "course", "intro", BY, world.now())));
        inOrg(world, org, () -> repository().save(Assignment.assign(group, "doc", "intro", BY, world.now())));
        assertThat(world.inOrg(org.id(), () -> repository().list(group.id(), PageRequest.first(10)).items()))
                .extracting(Assignment::resourceType).containsExactlyInAnyOrder("course", "doc");
    }

    @Test
    void what_reaches_a_user_comes_through_their_groups_and_the_ancestors_of_them() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group root = world.newGroup(org.id(), unique("Root"), null);
        Group team = world.newGroup(org.id(), unique("Team"), root);
        Group pendingGroup = world.newGroup(org.id(), unique("Pending"), null);
        Group unrelated = world.newGroup(org.id(), unique("Unrelated"), null);
        UserId userId = world.newMember(org, "learner");
        world.join(team, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(pendingGroup, userId, GroupRole.MEMBER, MembershipStatus.PENDING);
        Instant start = world.now();
        inOrg(world, org, () -> {
            repository().save(Assignment.assign(root, "course", "shared", BY, start));
            repository().save(Assignment.assign(team, "course", "shared", BY, start.plusSeconds(1)));
            repository().save(Assignment.assign(team, "channel", "team-chat", BY, start.plusSeconds(2)));
            repository().save(Assignment.assign(root, "doc", "handbook", BY, start.plusSeconds(3)));
            repository().save(Assignment.assign(pendingGroup, "course", "not-yet", BY, start));
            repository().save(Assignment.assign(unrelated, "course", "elsewhere", BY, start));
        });

        List<Reach> reached = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (request != null) {
            PageRequest current = request;
            Page<Reach> page = world.inOrg(org.id(), () -> repository().reaching(org.id(), userId, world.now(),
                    current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            reached.addAll(page.items());
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
        }
        // One entry per resource, by resource type and id; a resource held by two groups shows its first assignment.
        assertThat(reached).extracting(reach -> reach.assignment().resourceType() + "/"
                + reach.assignment().resourceId())
                .containsExactly("channel/team-chat", "course/shared", "doc/handbook");
        assertThat(reached.get(1).assignment().groupId()).isEqualTo(root.id());
        assertThat(reached.get(1).assignment().assignedAt()).isEqualTo(start);
        // Each reaches the user through their own group, whichever group above it holds the assignment.
        assertThat(reached).allSatisfy(reach -> assertThat(reach.viaGroupIds()).containsExactly(team.id()));

        // A direct membership of the group above adds it as a second way in to what that group holds.
        world.join(root, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        List<Reach> again = world.inOrg(org.id(), () -> repository().reaching(org.id(), userId, world.now(),
                PageRequest.first(10))).items();
        assertThat(again).hasSize(3);
        assertThat(again.get(0).viaGroupIds()).containsExactly(team.id());
        assertThat(again.get(1).viaGroupIds()).containsExactlyInAnyOrder(root.id(), team.id());
        assertThat(again.get(2).viaGroupIds()).containsExactlyInAnyOrder(root.id(), team.id());

        // What an archived group holds reaches nobody through it.
        world.inOrg(org.id(), () -> {
            Group archived = world.groups().findById(team.id()).orElseThrow();
            archived.archive(world.now());
            return world.groups().save(archived);
        });
        assertThat(world.inOrg(org.id(), () -> repository().reaching(org.id(), userId, world.now(),
                PageRequest.first(10))).items()).extracting(reach -> reach.assignment().resourceId())
                .containsExactly("shared", "handbook");
        UserId nobody = world.newMember(org, "nobody");
        assertThat(world.inOrg(org.id(), () -> repository().reaching(org.id(), nobody,
                world.now(), PageRequest.first(10))).items()).isEmpty();
    }

    /** Runs the work in a transaction of its own that works in the org. */
    private static void inOrg(PortFixture world, Organization org, Runnable work) {
        world.inOrg(org.id(), () -> {
            work.run();
            return null;
        });
    }
}
