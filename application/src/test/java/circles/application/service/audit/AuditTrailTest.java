package circles.application.service.audit;

import circles.application.DraftBuilder;
import circles.application.InMemoryCircles;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.group.UpdateGroupUseCase;
import circles.application.port.in.member.AddOrgMemberUseCase;
import circles.application.port.in.member.UpdateOrgMemberUseCase;
import circles.application.port.in.membership.AddGroupMembersUseCase.NewMember;
import circles.application.port.in.membership.UpdateGroupMemberUseCase;
import circles.application.port.in.org.CreateOrgUseCase;
import circles.application.port.in.org.UpdateOrgUseCase;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.group.Assignment;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.shared.DomainException;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.Slug;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every use case that changes something leaves an audit event, written in its transaction, naming the actor,
 * the org and the action; a refused change leaves none.
 */
class AuditTrailTest {

    /** A world with org acme (admin ana, members bo and cy), a team where bo is a member, and a public group. */
    private static final class World {
        final InMemoryCircles circles = new InMemoryCircles();
        final OrgId acme = circles.org("acme", "ana");
        final Group team;
        final Group open;
        final Group sub;

        World() {
            circles.joinOrg(acme, OrgRole.MEMBER, "bo", "cy");
            team = circles.group(DraftBuilder.named("Team").in(acme));
            open = circles.group(DraftBuilder.named("Open").in(acme).visibility(Visibility.PUBLIC));
            sub = circles.group(DraftBuilder.named("Sub").in(acme).under(team.id()));
            circles.addMember(team.id(), "bo", GroupRole.MEMBER);
        }
    }

    private record Case(String action, String actor, Consumer<World> useCase) {
    }

    private static List<Case> mutatingUseCases() {
        return List.of(
                new Case("org.created", "root", w -> {
                    w.circles.asPlatformAdmin("root");
                    w.circles.orgs.create(new CreateOrgUseCase.Command("Globex", new Slug("globex"),
                            List.of(UserId.of("gus"))));
                }),
                new Case("org.updated", "ana", w -> w.circles.orgs.update(
                        new UpdateOrgUseCase.Command(w.acme, null, "Acme Corp", null))),
                new Case("org_member.added", "ana", w -> w.circles.orgMembers.add(
                        new AddOrgMemberUseCase.Command(w.acme, UserId.of("dee"), OrgRole.MEMBER, null, null))),
                new Case("org_member.updated", "ana", w -> w.circles.orgMembers.update(
                        new UpdateOrgMemberUseCase.Command(w.acme, UserId.of("cy"), null, OrgRole.IT_ADMIN, null))),
                new Case("org_member.removed", "ana", w -> w.circles.orgMembers.remove(w.acme, UserId.of("cy"))),
                new Case("group.created", "ana", w -> w.circles.groups.create(new CreateGroupUseCase.Command(
                        DraftBuilder.named("New").in(w.acme).build()))),
                new Case("group.updated", "ana", w -> w.circles.groups.update(new UpdateGroupUseCase.Command(
                        w.team.id(), null, Optional.of("Renamed"), null, null, null, null, null, null, null, null,
                        null, null, null, null))),
                new Case("group.archived", "ana", w -> w.circles.groups.archive(w.team.id())),
                new Case("group.unarchived", "ana", w -> {
                    w.circles.groups.archive(w.team.id());
                    w.circles.groups.unarchive(w.team.id());
                }),
                new Case("group.deleted", "ana", w -> w.circles.groups.delete(w.team.id(), true)),
                new Case("group_member.added", "ana", w -> w.circles.members.add(w.team.id(),
                        List.of(new NewMember(UserId.of("cy"), null, null, null, null, null)))),
                new Case("group_member.updated", "ana", w -> w.circles.members.update(
                        new UpdateGroupMemberUseCase.Command(w.team.id(), UserId.of("bo"), GroupRole.MODERATOR,
                                null, null, null, null, null))),
                new Case("group_member.removed", "ana", w -> w.circles.members.remove(w.team.id(),
                        UserId.of("bo"))),
                new Case("group_member.joined", "cy", w -> {
                    w.circles.as("cy");
                    w.circles.members.join(w.open.id());
                }),
                new Case("group_member.left", "bo", w -> {
                    w.circles.as("bo");
                    w.circles.members.leave(w.team.id());
                }),
                new Case("assignment.added", "ana", w -> w.circles.assignments.assign(w.team.id(), "course",
                        "c-1")),
                new Case("assignment.removed", "ana", w -> {
                    Assignment assignment = w.circles.assignments.assign(w.team.id(), "course", "c-1");
                    w.circles.assignments.remove(w.team.id(), assignment.id());
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyMutatingUseCaseWritesAnAuditEvent() {
        return mutatingUseCases().stream().map(c -> DynamicTest.dynamicTest(c.action(), () -> {
            World world = new World();
            world.circles.as("ana");
            var mark = world.circles.auditMark();

            c.useCase().accept(world);

            assertThat(mark.events()).filteredOn(event -> event.action().equals(c.action()))
                    .isNotEmpty()
                    .allSatisfy(event -> {
                        assertThat(event.actorId()).isEqualTo(UserId.of(c.actor()));
                        assertThat(event.occurredAt()).isEqualTo(world.circles.clock.instant());
                        if (!c.action().equals("org.created")) {
                            assertThat(event.orgId()).isEqualTo(world.acme);
                        }
                    });
        }));
    }

    @Test
    void the_expiry_job_audits_as_the_system() {
        World world = new World();
        world.circles.group(DraftBuilder.named("Sprint").in(world.acme)
                .expiresAt(world.circles.clock.instant().plusSeconds(60)));
        world.circles.addMember(world.team.id(), "cy", GroupRole.MEMBER, MembershipStatus.ACTIVE,
                world.circles.clock.instant().plusSeconds(60));
        world.circles.clock.advance(Duration.ofMinutes(2));
        var mark = world.circles.auditMark();

        world.circles.expiry.expire();

        assertThat(mark.events()).extracting(AuditEvent::action)
                .containsExactlyInAnyOrder("group.expired", "group_member.expired");
        assertThat(mark.events()).allSatisfy(event -> {
            assertThat(event.actorId()).isNull();
            assertThat(event.orgId()).isEqualTo(world.acme);
        });
    }

    @Test
    void a_refused_change_leaves_no_audit_event() {
        World world = new World();
        world.circles.as("bo");
        var mark = world.circles.auditMark();

        assertThatThrownBy(() -> world.circles.groups.archive(world.team.id())).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> world.circles.members.add(world.team.id(),
                List.of(new NewMember(UserId.of("cy"), null, null, null, null, null))))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> world.circles.groups.delete(world.team.id(), true))
                .isInstanceOf(DomainException.class);

        assertThat(mark.events()).isEmpty();
    }

    @Test
    void audit_events_are_for_org_admins_only() {
        World world = new World();
        var query = new AuditLog.Query(world.acme, null, null, "group.created", null,
                null);

        world.circles.as("ana");
        assertThat(world.circles.audit.list(query, PageRequest.first(10)).items())
                .hasSize(3);
        world.circles.as("bo");
        assertThatThrownBy(() -> world.circles.audit.list(query,
                PageRequest.first(10)))
                .isInstanceOf(NotAllowed.class);
    }
}
