package circles.adapter.out.persistence.dynamic;

import circles.application.port.out.dynamic.DynamicGroupDefinitions;
import circles.application.port.out.dynamic.DynamicMembersStore.Via;
import circles.application.port.out.dynamic.RecheckLookups;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.application.port.out.override.OverrideRepository;
import circles.domain.actor.UserId;
import circles.domain.criterion.AllMembersCriterion;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.rule.Rule;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The lookups of the per-member re-check, against PostgreSQL: each answers for the named org and users only. */
@QuarkusTest
class RecheckLookupsTest extends DynamicGroupsTest {
    @Inject
    RecheckLookups lookups;
    @Inject
    DynamicGroupDefinitions definitions;
    @Inject
    OverrideRepository overrides;

    private OrgMember newMember(OrgId orgId, UserId userId, MemberProfile profile) {
        return tx(() -> {
            users.ensureExist(List.of(userId));
            return orgMembers.save(OrgMember.join(orgId, userId, OrgRole.MEMBER, profile, now()));
        });
    }

    private static MemberProfile profile(String email, UserId manager) {
        return new MemberProfile(email, "Someone", "engineering", null, null, manager, null, null, null, null,
                Map.of("team", "core"), null);
    }

    @Test
    void the_active_dynamic_groups_with_a_rule_are_listed_with_it() {
        Organization org = newOrg();
        Group ruled = newDynamicGroup(org.id());
        newDynamicGroup(org.id());
        Group archived = newDynamicGroup(org.id());
        newGroup(org.id(), unique("Static"), null, Visibility.ORGANIZATION);
        Rule rule = new Rule.Leaf(new AllMembersCriterion());
        inTx(() -> {
            definitions.saveRule(ruled.id(), org.id(), rule);
            definitions.saveRule(archived.id(), org.id(), rule);
            Group toArchive = groups.findById(archived.id()).orElseThrow();
            toArchive.archive(now());
            groups.save(toArchive);
        });

        List<RecheckLookups.StoredRule> rules = tx(() -> lookups.activeRules(org.id()));

        assertThat(rules).extracting(RecheckLookups.StoredRule::groupId).containsExactly(ruled.id());
        assertThat(rules.getFirst().canonicalRule()).isEqualTo(Map.of("criterion", "all_members"));
        assertThat(tx(() -> lookups.activeRules(newOrg().id()))).isEmpty();
    }

    @Test
    void members_are_read_whatever_their_status_and_others_are_left_out() {
        Organization org = newOrg();
        UserId boss = user("boss");
        newMember(org.id(), boss, profile(null, null));
        UserId ana = user("ana");
        OrgMember stored = newMember(org.id(), ana, profile("ana@acme.example", boss));
        inTx(() -> {
            OrgMember suspended = orgMembers.find(org.id(), ana).orElseThrow();
            suspended.changeStatus(MemberStatus.SUSPENDED, now());
            orgMembers.save(suspended);
        });
        UserId elsewhere = user("elsewhere");
        newMember(newOrg().id(), elsewhere, profile(null, null));

        Map<UserId, OrgMember> found = tx(() -> lookups.members(org.id(), List.of(ana, elsewhere, user("nobody"))));

        assertThat(found).containsOnlyKeys(ana);
        OrgMember read = found.get(ana);
        assertThat(read.status()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(read.profile()).isEqualTo(stored.profile());
        assertThat(read.profile().managerId()).isEqualTo(boss);
    }

    @Test
    void an_email_names_the_member_with_the_lowest_id_compared_without_case() {
        Organization org = newOrg();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UserId second = new UserId("b-" + suffix);
        UserId first = new UserId("a-" + suffix);
        newMember(org.id(), second, profile("Pat@Acme.example", null));
        newMember(org.id(), first, profile("pat@acme.EXAMPLE", null));
        UserId kelvin = user("kelvin");
        newMember(org.id(), kelvin, profile("\u212Aim@acme.example", null));
        newMember(newOrg().id(), user("a"), profile("someone@acme.example", null));

        assertThat(tx(() -> lookups.memberByEmail(org.id(), "  PAT@acme.example "))).contains(first);
        assertThat(tx(() -> lookups.memberByEmail(org.id(), "kim@acme.example")))
                .as("Java folds the Kelvin sign to k, as the in-memory evaluation does").contains(kelvin);
        assertThat(tx(() -> lookups.memberByEmail(org.id(), "someone@acme.example"))).isEmpty();
    }

    @Test
    void a_members_static_groups_are_those_with_an_effective_membership_and_their_ancestors() {
        Organization org = newOrg();
        UserId ana = newMembers(org.id(), 1).getFirst();
        Group parent = newGroup(org.id(), unique("Parent"), null, Visibility.ORGANIZATION);
        Group child = newGroup(org.id(), unique("Child"), parent, Visibility.ORGANIZATION);
        Group pending = newGroup(org.id(), unique("Pending"), null, Visibility.ORGANIZATION);
        Group later = newGroup(org.id(), unique("Later"), null, Visibility.ORGANIZATION);
        Group ended = newGroup(org.id(), unique("Ended"), null, Visibility.ORGANIZATION);
        Instant now = now();
        join(child, ana, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        join(pending, ana, GroupRole.MEMBER, MembershipStatus.PENDING);
        join(later, ana, new Membership.Terms(GroupRole.MEMBER, MembershipStatus.ACTIVE, now.plusSeconds(3600),
                null, Set.of()));
        join(ended, ana, new Membership.Terms(GroupRole.MEMBER, MembershipStatus.ACTIVE, null,
                now.minusSeconds(1), Set.of()));

        assertThat(tx(() -> lookups.staticGroupsOf(org.id(), ana, now)))
                .containsExactlyInAnyOrder(child.id(), parent.id());
        assertThat(tx(() -> lookups.staticGroupsOf(org.id(), ana, now.plusSeconds(7200))))
                .containsExactlyInAnyOrder(child.id(), parent.id(), later.id());
    }

    @Test
    void override_entries_and_computed_memberships_are_read_for_many_members_at_once() {
        Organization org = newOrg();
        Group first = newDynamicGroup(org.id());
        Group second = newDynamicGroup(org.id());
        List<UserId> people = newMembers(org.id(), 3);
        Instant now = now();
        OverrideEntry include = new OverrideEntry(UUID.randomUUID(),
                first.id(), org.id(), people.get(0), OverrideKind.INCLUDE, null, null, null, now);
        OverrideEntry exclude = new OverrideEntry(UUID.randomUUID(),
                second.id(), org.id(), people.get(1), OverrideKind.EXCLUDE, "no", now.plusSeconds(60), null, now);
        inTx(() -> {
            overrides.add(include);
            overrides.add(exclude);
            dynamicMembers.applyDiff(first.id(), org.id(), Set.of(people.get(0), people.get(1)), Set.of(people.get(0)),
                    Cause.RULE_CHANGE, now);
            dynamicMembers.applyDiff(second.id(), org.id(), Set.of(people.get(0)), Cause.RULE_CHANGE, now);
        });

        assertThat(tx(() -> lookups.overridesOf(org.id(), List.of(people.get(0), people.get(1)))))
                .containsExactlyInAnyOrder(include, exclude);
        assertThat(tx(() -> lookups.overridesOf(org.id(), List.of(people.get(2))))).isEmpty();
        assertThat(tx(() -> lookups.computedOf(org.id(), people))).isEqualTo(Map.of(
                people.get(0), Map.of(first.id(), Via.INCLUDE, second.id(), Via.RULE),
                people.get(1), Map.of(first.id(), Via.RULE)));
    }

    @Test
    void everyone_below_a_manager_is_found_at_any_depth_up_to_the_limit() {
        Organization org = newOrg();
        UserId top = user("top");
        newMember(org.id(), top, profile(null, null));
        UserId lead = user("lead");
        newMember(org.id(), lead, profile(null, top));
        UserId dev = user("dev");
        newMember(org.id(), dev, profile(null, lead));
        UserId intern = user("intern");
        newMember(org.id(), intern, profile(null, dev));
        UserId peer = user("peer");
        newMember(org.id(), peer, profile(null, top));

        assertThat(tx(() -> lookups.reportsBelow(org.id(), lead, 100))).containsExactlyInAnyOrder(dev, intern);
        assertThat(tx(() -> lookups.reportsBelow(org.id(), top, 100)))
                .containsExactlyInAnyOrder(lead, dev, intern, peer);
        assertThat(tx(() -> lookups.reportsBelow(org.id(), top, 2))).hasSize(2);
        assertThat(tx(() -> lookups.reportsBelow(org.id(), intern, 100))).isEmpty();
    }
}
