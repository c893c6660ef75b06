package circles.application.service.membership;

import circles.application.DraftBuilder;
import circles.application.InMemoryCircles;
import circles.application.port.in.membership.ListMemberReviewersUseCase;
import circles.application.port.out.assignment.AssignmentRepository;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.Actor;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Questions about one person: their orgs, groups, assignments and reviewers. */
class MemberQueriesTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final OrgId acme = circles.org("acme", "ana");
    private final Group engineering;
    private final Group backend;

    MemberQueriesTest() {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo", "cy", "rita");
        engineering = circles.group(DraftBuilder.named("Engineering").in(acme).reviewer("rita"));
        backend = circles.group(DraftBuilder.named("Backend").in(acme).under(engineering.id()));
        circles.addMember(backend.id(), "bo", GroupRole.MEMBER);
    }

    @Test
    void assignments_reach_members_through_their_subgroups() {
        circles.as("ana");
        circles.assignments.assign(engineering.id(), "course", "security-101");
        circles.assignments.assign(backend.id(), "course", "java-201");

        var reached = circles.assignments.assignments(acme, UserId.of("bo"), PageRequest.first(10)).items();

        assertThat(reached).extracting(reach -> reach.assignment().resourceId())
                .containsExactlyInAnyOrder("security-101", "java-201");
        assertThat(reached).extracting(AssignmentRepository.Reach::viaGroupIds)
                .allSatisfy(via -> assertThat(via).containsExactly(backend.id()));
        assertThat(circles.assignments.assignments(acme, UserId.of("cy"), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void assigning_the_same_resource_twice_is_a_conflict() {
        circles.as("ana");
        circles.assignments.assign(engineering.id(), "course", "security-101");
        assertThatThrownBy(() -> circles.assignments.assign(engineering.id(), "course", "security-101"))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void reviewers_come_from_the_groups_a_member_effectively_belongs_to() {
        circles.as("bo");
        assertThat(circles.memberGroups.reviewers(acme, UserId.of("bo")))
                .containsExactly(new ListMemberReviewersUseCase.Reviewer(UserId.of("rita"), engineering.id(),
                        "Engineering"));
    }

    @Test
    void a_members_groups_are_for_them_and_the_orgs_admins() {
        circles.as("cy");
        assertThatThrownBy(() -> circles.memberGroups.groups(acme, UserId.of("bo"), PageRequest.first(10)))
                .isInstanceOf(NotAllowed.class);
        circles.as("ana");
        assertThat(circles.memberGroups.groups(acme, UserId.of("bo"), PageRequest.first(10)).items())
                .extracting(entry -> entry.group().name()).containsExactlyInAnyOrder("Backend", "Engineering");
        assertThatThrownBy(() -> circles.memberGroups.groups(acme, UserId.of("nobody"), PageRequest.first(10)))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void me_lists_the_active_orgs_of_the_caller() {
        circles.as("bo");
        var me = circles.memberGroups.me();
        assertThat(me.actor().userId()).isEqualTo(UserId.of("bo"));
        assertThat(me.orgs()).singleElement().satisfies(org -> {
            assertThat(org.orgId()).isEqualTo(acme);
            assertThat(org.role()).isEqualTo(OrgRole.MEMBER);
        });
    }

    @Test
    void signing_in_records_name_and_email() {
        circles.signIns.signedIn(new Actor(UserId.of("zed"), "Zed", "zed@example.org", Set.of()));
        assertThat(circles.db.users().get(UserId.of("zed")).email()).isEqualTo("zed@example.org");
    }
}
