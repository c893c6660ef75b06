package circles.adapter.out.persistence.member;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.application.port.out.member.OrgMemberRepository.Filter;
import circles.application.port.out.member.OrgMemberRepository.Membership;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.VersionConflict;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class OrgMemberRepositoryTest extends PersistenceTest {

    @Test
    void saves_the_full_profile_and_updates_it_with_a_new_version() {
        Organization org = newOrg();
        UserId manager = user("manager");
        newOrgMember(org.id(), manager, OrgRole.ADMIN);
        UserId userId = user("member");
        MemberProfile profile = new MemberProfile("ada@example.test", "Ada", "engineering", "berlin", "Engineer",
                manager, "/eng/backend", "full_time", "cc-1", "staff", Map.of("shirt", "m", "team", "core"),
                now().minus(Duration.ofDays(2)));
        OrgMember saved = tx(() -> {
            users.ensureExist(List.of(userId));
            return orgMembers.save(OrgMember.join(org.id(), userId, OrgRole.MEMBER, profile, now()));
        });
        assertThat(saved.version()).isEqualTo(1);

        OrgMember read = tx(() -> orgMembers.find(org.id(), userId).orElseThrow());
        assertThat(read.profile()).isEqualTo(profile);
        assertThat(read.role()).isEqualTo(OrgRole.MEMBER);
        assertThat(read.status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(read.joinedAt()).isEqualTo(saved.joinedAt());

        OrgMember updated = tx(() -> {
            OrgMember member = orgMembers.find(org.id(), userId).orElseThrow();
            member.changeRole(OrgRole.IT_ADMIN, now());
            member.changeStatus(MemberStatus.SUSPENDED, now());
            return orgMembers.save(member);
        });
        assertThat(updated.version()).isEqualTo(2);
        assertThat(tx(() -> orgMembers.find(org.id(), userId).orElseThrow().role())).isEqualTo(OrgRole.IT_ADMIN);

        read.changeRole(OrgRole.ADMIN, now());
        assertThatThrownBy(() -> tx(() -> orgMembers.save(read))).isInstanceOf(VersionConflict.class);
    }

    @Test
    void a_member_added_twice_is_a_conflict_and_a_manager_outside_the_org_is_refused() {
        Organization org = newOrg();
        Organization other = newOrg();
        UserId userId = user("member");
        newOrgMember(org.id(), userId, OrgRole.MEMBER);
        UserId elsewhere = user("elsewhere");
        newOrgMember(other.id(), elsewhere, OrgRole.MEMBER);

        // A second join of the same user, as when two adds race past the use case's existence check.
        assertThatThrownBy(() -> tx(() -> orgMembers.save(OrgMember.join(org.id(), userId, OrgRole.ADMIN,
                MemberProfile.EMPTY, now()))))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("org-member-exists"));
        // The same within a transaction that has read the member already.
        assertThatThrownBy(() -> tx(() -> {
            orgMembers.find(org.id(), userId).orElseThrow();
            return orgMembers.save(OrgMember.join(org.id(), userId, OrgRole.ADMIN, MemberProfile.EMPTY, now()));
        })).isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("org-member-exists"));
        assertThat(tx(() -> orgMembers.find(org.id(), userId).orElseThrow().role())).isEqualTo(OrgRole.MEMBER);

        UserId newcomer = user("newcomer");
        MemberProfile reportsElsewhere = new MemberProfile(null, null, null, null, null, elsewhere, null, null, null,
                null, Map.of(), null);
        assertThatThrownBy(() -> tx(() -> {
            users.ensureExist(List.of(newcomer));
            return orgMembers.save(OrgMember.join(org.id(), newcomer, OrgRole.MEMBER, reportsElsewhere, now()));
        })).isInstanceOfSatisfying(RuleViolation.class,
                v -> assertThat(v.errors()).extracting(e -> e.field()).containsExactly("managerId"));
    }

    @Test
    void lists_members_in_user_order_with_filters_and_cursors() {
        Organization org = newOrg();
        List<UserId> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UserId userId = new UserId(unique("user" + i));
            members.add(userId);
            OrgRole role = i == 0 ? OrgRole.ADMIN : OrgRole.MEMBER;
            MemberProfile profile = MemberProfile.named("person" + i + "@example.test", i == 3 ? "Grace Hopper" : "P" + i);
            tx(() -> {
                users.ensureExist(List.of(userId));
                return orgMembers.save(OrgMember.join(org.id(), userId, role, profile, now()));
            });
        }
        List<UserId> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (request != null) {
            PageRequest current = request;
            Page<OrgMember> page = tx(() -> orgMembers.list(org.id(), new Filter(null, null, null), current));
            page.items().forEach(member -> listed.add(member.userId()));
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
        }
        assertThat(listed).containsExactlyElementsOf(members.stream().sorted().toList());
        assertThat(tx(() -> orgMembers.list(org.id(), new Filter(OrgRole.ADMIN, null, null), PageRequest.first(10)))
                .items()).extracting(OrgMember::userId).containsExactly(members.getFirst());
        assertThat(tx(() -> orgMembers.list(org.id(), new Filter(null, MemberStatus.ACTIVE, "HOPPER"),
                PageRequest.first(10))).items()).extracting(OrgMember::userId).containsExactly(members.get(3));
        assertThat(tx(() -> orgMembers.list(org.id(), new Filter(null, MemberStatus.SUSPENDED, null),
                PageRequest.first(10))).items()).isEmpty();
        assertThat(tx(() -> orgMembers.existing(org.id(), List.of(members.get(1), new UserId("ghost")))))
                .containsExactly(members.get(1));
    }

    @Test
    void memberships_of_a_user_span_orgs_and_deleting_one_keeps_the_others() {
        Organization first = newOrg();
        Organization second = newOrg();
        UserId userId = user("traveller");
        newOrgMember(first.id(), userId, OrgRole.ADMIN);
        newOrgMember(second.id(), userId, OrgRole.MEMBER);

        List<Membership> both = tx(() -> {
            tenant.enter(first.id());
            return orgMembers.membershipsOf(userId);
        });
        assertThat(both).extracting(Membership::orgId).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(both).filteredOn(m -> m.orgId().equals(first.id())).singleElement()
                .satisfies(m -> {
                    assertThat(m.role()).isEqualTo(OrgRole.ADMIN);
                    assertThat(m.orgSlug()).isEqualTo(first.slug().value());
                    assertThat(m.orgName()).isEqualTo(first.name());
                });

        inTx(() -> orgMembers.delete(first.id(), userId));
        assertThat(tx(() -> orgMembers.find(first.id(), userId))).isEmpty();
        assertThat(tx(() -> orgMembers.membershipsOf(userId))).extracting(Membership::orgId)
                .containsExactly(second.id());
    }
}
