package circles.application.port.out.member;

import circles.application.port.out.member.OrgMemberRepository.Filter;
import circles.application.port.out.member.OrgMemberRepository.Membership;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.VersionConflict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static circles.application.port.out.shared.PortFixture.someUser;
import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link OrgMemberRepository} rely on, whichever storage serves it: members stored whole and versioned
 * from version 1, a user in an org at most once, managers from the same org only, lists in user order page by page,
 * and a user's own view across orgs.
 */
public abstract class OrgMemberRepositoryContract {
    protected abstract PortFixture fixture();

    protected abstract OrgMemberRepository repository();

    @Test
    void a_new_member_is_stored_whole_at_version_1_and_each_update_raises_it() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId manager = world.newMember(org, "manager");
        UserId userId = someUser("member");
        MemberProfile profile = new MemberProfile("ada@example.test", "Ada", "engineering", "berlin", "Engineer",
                manager, "/eng/backend", "full_time", "cc-1", "staff", Map.of("shirt", "m", "team", "core"),
                world.now().minus(Duration.ofDays(2)));
        OrgMember saved = join(world, org, userId, OrgRole.MEMBER, profile);
        assertThat(saved.version()).isEqualTo(1);

        OrgMember read = world.inTransaction(() -> repository().find(org.id(), userId)).orElseThrow();
        assertThat(read.profile()).isEqualTo(profile);
        assertThat(read.role()).isEqualTo(OrgRole.MEMBER);
        assertThat(read.status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(read.joinedAt()).isEqualTo(saved.joinedAt());
        assertThat(read.version()).isEqualTo(1);

        OrgMember updated = world.inTransaction(() -> {
            OrgMember member = repository().find(org.id(), userId).orElseThrow();
            member.changeRole(OrgRole.IT_ADMIN, world.now());
            member.changeStatus(MemberStatus.SUSPENDED, world.now());
            return repository().save(member);
        });
        assertThat(updated.version()).isEqualTo(2);
        OrgMember again = world.inTransaction(() -> repository().find(org.id(), userId)).orElseThrow();
        assertThat(again.role()).isEqualTo(OrgRole.IT_ADMIN);
        assertThat(again.status()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(again.version()).isEqualTo(2);
        assertThat(world.inTransaction(() -> repository().find(org.id(), someUser("ghost")))).isEmpty();
    }

    @Test
    void saving_a_stale_member_is_a_version_conflict_and_changes_nothing() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId userId = world.newMember(org, "member");
        OrgMember stale = world.inTransaction(() -> repository().find(org.id(), userId)).orElseThrow();
        world.inTransaction(() -> {
            OrgMember fresh = repository().find(org.id(), userId).orElseThrow();
            fresh.changeRole(OrgRole.ADMIN, world.now());
            return repository().save(fresh);
        });

        stale.changeRole(OrgRole.IT_ADMIN, world.now());
        assertThatThrownBy(() -> world.inTransaction(() -> repository().save(stale)))
                .isInstanceOf(VersionConflict.class);
        assertThat(world.inTransaction(() -> repository().find(org.id(), userId)).orElseThrow().role())
                .isEqualTo(OrgRole.ADMIN);
    }

    @Test
    void adding_a_user_twice_is_a_conflict_and_keeps_the_first() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId userId = world.newMember(org, "member");

        // As when two adds race past the use case's own existence check.
        assertThatThrownBy(() -> join(world, org, userId, OrgRole.ADMIN, MemberProfile.EMPTY))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("org-member-exists"));
        // The same within a transaction that has read the member already.
        assertThatThrownBy(() -> world.inTransaction(() -> {
            repository().find(org.id(), userId).orElseThrow();
            return repository().save(OrgMember.join(org.id(), userId, OrgRole.ADMIN, MemberProfile.EMPTY,
                    world.now()));
        })).isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("org-member-exists"));

        OrgMember kept = world.inTransaction(() -> repository().find(org.id(), userId)).orElseThrow();
        assertThat(kept.role()).isEqualTo(OrgRole.MEMBER);
        assertThat(kept.version()).isEqualTo(1);
    }

    @Test
    void a_manager_from_outside_the_org_is_refused_on_the_manager_field() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        UserId elsewhere = world.newMember(other, "elsewhere");
        UserId newcomer = someUser("newcomer");
        MemberProfile reportsElsewhere = new MemberProfile(null, null, null, null, null, elsewhere, null, null, null,
                null, Map.of(), null);

        assertThatThrownBy(() -> join(world, org, newcomer, OrgRole.MEMBER, reportsElsewhere))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.errors())
                        .extracting(FieldError::field).containsExactly("managerId"));
        assertThat(world.inTransaction(() -> repository().find(org.id(), newcomer))).isEmpty();
    }

    @Test
    void lists_members_in_user_order_with_filters_page_by_page() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        List<UserId> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UserId userId = someUser("user" + i);
            members.add(userId);
            join(world, org, userId, i == 0 ? OrgRole.ADMIN : OrgRole.MEMBER,
                    MemberProfile.named("person" + i + "@example.test", i == 3 ? "Grace Hopper" : "P" + i));
        }
        world.newMember(world.newOrg(), "elsewhere");

        List<UserId> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        int pages = 0;
        while (request != null) {
            PageRequest current = request;
            Page<OrgMember> page = world.inTransaction(() -> repository().list(org.id(), new Filter(null, null, null),
                    current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(member -> listed.add(member.userId()));
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactlyElementsOf(members.stream().sorted().toList());

        assertThat(list(world, org, new Filter(OrgRole.ADMIN, null, null))).containsExactly(members.getFirst());
        assertThat(list(world, org, new Filter(null, MemberStatus.ACTIVE, "HOPPER"))).containsExactly(members.get(3));
        assertThat(list(world, org, new Filter(null, null, members.get(2).value().toUpperCase())))
                .containsExactly(members.get(2));
        assertThat(list(world, org, new Filter(null, MemberStatus.SUSPENDED, null))).isEmpty();
        assertThat(world.inTransaction(() -> repository().existing(org.id(),
                List.of(members.get(1), someUser("ghost"), members.get(1))))).containsExactly(members.get(1));
        assertThat(world.inTransaction(() -> repository().existing(org.id(), List.of()))).isEmpty();
    }

    @Test
    void memberships_of_a_user_span_orgs_and_deleting_one_keeps_the_others() {
        PortFixture world = fixture();
        Organization first = world.newOrg();
        Organization second = world.newOrg();
        UserId userId = someUser("traveller");
        world.newOrgMember(first.id(), userId, OrgRole.ADMIN);
        world.newOrgMember(second.id(), userId, OrgRole.MEMBER);

        // Read from inside one org: the user's own view still spans all of theirs.
        List<Membership> both = world.inOrg(first.id(), () -> repository().membershipsOf(userId));
        assertThat(both).extracting(Membership::orgId).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(both).filteredOn(m -> m.orgId().equals(first.id())).singleElement().satisfies(m -> {
            assertThat(m.role()).isEqualTo(OrgRole.ADMIN);
            assertThat(m.status()).isEqualTo(MemberStatus.ACTIVE);
            assertThat(m.orgSlug()).isEqualTo(first.slug().value());
            assertThat(m.orgName()).isEqualTo(first.name());
        });

        world.inTransaction(() -> repository().delete(first.id(), userId));
        assertThat(world.inTransaction(() -> repository().find(first.id(), userId))).isEmpty();
        assertThat(world.inTransaction(() -> repository().find(second.id(), userId))).isPresent();
        assertThat(world.inTransaction(() -> repository().membershipsOf(userId))).extracting(Membership::orgId)
                .containsExactly(second.id());
        // Deleting someone who is not (or no longer) a member changes nothing.
        world.inTransaction(() -> repository().delete(first.id(), userId));
        assertThat(world.inTransaction(() -> repository().membershipsOf(someUser(unique("nobody"))))).isEmpty();
    }

    private OrgMember join(PortFixture world, Organization org, UserId userId, OrgRole role, MemberProfile profile) {
        return world.inTransaction(() -> {
            world.users().ensureExist(List.of(userId));
            return repository().save(OrgMember.join(org.id(), userId, role, profile, world.now()));
        });
    }

    private List<UserId> list(PortFixture world, Organization org, Filter filter) {
        return world.inTransaction(() -> repository().list(org.id(), filter, PageRequest.first(10))).items().stream()
                .map(OrgMember::userId).toList();
    }
}
