package circles.application.port.out.dynamic;

import circles.application.port.out.dynamic.DynamicMembersStore.Via;
import circles.application.port.out.membership.MembershipHistory.Cause;
import circles.application.port.out.override.OverrideRepository;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.criterion.AllMembersCriterion;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
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
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static circles.application.port.out.shared.PortFixture.someUser;
import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers of {@link RecheckLookups} rely on, whichever storage serves it: each lookup answers for the named org
 * and users only. The active dynamic groups with a rule come in group id order as the database orders UUIDs (that of
 * their text); members are read whatever their status; an email names the member with the lowest id, compared as the
 * in-memory evaluation compares; a member's static groups are those of an effective membership and their ancestors;
 * overrides and computed memberships are read for many members at once; everyone below a manager is found at any
 * depth. The rules, overrides and computed members it reads are written through their own ports of the same storage.
 * Each case deletes the dynamic groups it made.
 */
public abstract class RecheckLookupsContract {
    protected abstract PortFixture fixture();

    protected abstract RecheckLookups lookups();

    protected abstract DynamicGroupDefinitions definitions();

    protected abstract OverrideRepository overrides();

    protected abstract DynamicMembersStore dynamicMembers();

    private static OrgMember newMember(PortFixture world, OrgId orgId, UserId userId, MemberProfile profile) {
        return world.inOrg(orgId, () -> {
            world.users().ensureExist(List.of(userId));
            return world.orgMembers().save(OrgMember.join(orgId, userId, OrgRole.MEMBER, profile, world.now()));
        });
    }

    private static MemberProfile profile(String email, UserId manager) {
        return new MemberProfile(email, "Someone", "engineering", null, null, manager, null, null, null, null,
                Map.of("team", "core"), null);
    }

    @Test
    void the_active_dynamic_groups_with_a_rule_are_listed_with_it_by_id() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        List<GroupId> made = new ArrayList<>();
        try {
            List<GroupId> ruled = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ruled.add(world.newDynamicGroup(org.id(), "Ruled").id());
            }
            made.addAll(ruled);
            made.add(world.newDynamicGroup(org.id(), "Unruled").id());
            GroupId archived = world.newDynamicGroup(org.id(), "Archived").id();
            made.add(archived);
            world.newGroup(org.id(), unique("Static"), null, Visibility.ORGANIZATION);
            Rule rule = new Rule.Leaf(new AllMembersCriterion());
            world.inOrg(org.id(), () -> {
                ruled.forEach(group -> definitions().saveRule(group, org.id(), rule));
                definitions().saveRule(archived, org.id(), rule);
                Group toArchive = world.groups().findById(archived).orElseThrow();
                toArchive.archive(world.now());
                world.groups().save(toArchive);
            });

            List<RecheckLookups.StoredRule> rules = world.inOrg(org.id(), () -> lookups().activeRules(org.id()));

            assertThat(rules).extracting(RecheckLookups.StoredRule::groupId).containsExactlyElementsOf(ruled.stream()
                    .sorted(Comparator.comparing(group -> group.value().toString())).toList());
            assertThat(rules.getFirst().canonicalRule()).isEqualTo(Map.of("criterion", "all_members"));
            Organization other = world.newOrg();
            assertThat(world.inOrg(other.id(), () -> lookups().activeRules(other.id()))).isEmpty();
        } finally {
            world.deleteGroups(org.id(), made);
        }
    }

    @Test
    void members_are_read_whatever_their_status_and_others_are_left_out() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId boss = someUser("boss");
        newMember(world, org.id(), boss, profile(null, null));
        UserId ana = someUser("ana");
        OrgMember stored = newMember(world, org.id(), ana, profile("ana@acme.example", boss));
        world.inOrg(org.id(), () -> {
            OrgMember suspended = world.orgMembers().find(org.id(), ana).orElseThrow();
            suspended.changeStatus(MemberStatus.SUSPENDED, world.now());
            world.orgMembers().save(suspended);
        });
        UserId elsewhere = someUser("elsewhere");
        newMember(world, world.newOrg().id(), elsewhere, profile(null, null));

        Map<UserId, OrgMember> found = world.inOrg(org.id(), () -> lookups().members(org.id(), List.of(ana,
                elsewhere, someUser("nobody"))));

        assertThat(found).containsOnlyKeys(ana);
        OrgMember read = found.get(ana);
        assertThat(read.status()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(read.profile()).isEqualTo(stored.profile());
        assertThat(read.profile().managerId()).isEqualTo(boss);
    }

    @Test
    void an_email_names_the_member_with_the_lowest_id_compared_without_case() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UserId second = new UserId("b-" + suffix);
        UserId first = new UserId("a-" + suffix);
        newMember(world, org.id(), second, profile("Pat@Acme.example", null));
        newMember(world, org.id(), first, profile("pat@acme.EXAMPLE", null));
        UserId kelvin = someUser("kelvin");
        newMember(world, org.id(), kelvin, profile("\u212Aim@acme.example", null));
        newMember(world, world.newOrg().id(), someUser("a"), profile("someone@acme.example", null));

        assertThat(world.inOrg(org.id(), () -> lookups().memberByEmail(org.id(), "  PAT@acme.example ")))
                .contains(first);
        assertThat(world.inOrg(org.id(), () -> lookups().memberByEmail(org.id(), "kim@acme.example")))
                .as("Java folds the Kelvin sign to k, as the in-memory evaluation does").contains(kelvin);
        assertThat(world.inOrg(org.id(), () -> lookups().memberByEmail(org.id(), "someone@acme.example"))).isEmpty();
    }

    @Test
    void a_members_static_groups_are_those_with_an_effective_membership_and_their_ancestors() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId ana = world.newMember(org, "ana");
        Group parent = world.newGroup(org.id(), unique("Parent"), null, Visibility.ORGANIZATION);
        Group child = world.newGroup(org.id(), unique("Child"), parent, Visibility.ORGANIZATION);
        Group pending = world.newGroup(org.id(), unique("Pending"), null, Visibility.ORGANIZATION);
        Group later = world.newGroup(org.id(), unique("Later"), null, Visibility.ORGANIZATION);
        Group ended = world.newGroup(org.id(), unique("Ended"), null, Visibility.ORGANIZATION);
        Instant now = world.now();
        world.join(child, ana, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        world.join(pending, ana, GroupRole.MEMBER, MembershipStatus.PENDING);
        world.join(later, ana, new Membership.Terms(GroupRole.MEMBER, MembershipStatus.ACTIVE, now.plusSeconds(3600),
                null, Set.of()));
        world.join(ended, ana, new Membership.Terms(GroupRole.MEMBER, MembershipStatus.ACTIVE, null,
                now.minusSeconds(1), Set.of()));

        assertThat(world.inOrg(org.id(), () -> lookups().staticGroupsOf(org.id(), ana, now)))
                .containsExactlyInAnyOrder(child.id(), parent.id());
        assertThat(world.inOrg(org.id(), () -> lookups().staticGroupsOf(org.id(), ana, now.plusSeconds(7200))))
                .containsExactlyInAnyOrder(child.id(), parent.id(), later.id());
    }

    @Test
    void override_entries_and_computed_memberships_are_read_for_many_members_at_once() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group first = world.newDynamicGroup(org.id(), "First");
        Group second = world.newDynamicGroup(org.id(), "Second");
        try {
            List<UserId> people = List.of(world.newMember(org, "p0"), world.newMember(org, "p1"),
                    world.newMember(org, "p2"));
            Instant now = world.now();
            OverrideEntry include = new OverrideEntry(UUID.randomUUID(),
                    first.id(), org.id(), people.get(0), OverrideKind.INCLUDE, null, null, null, now);
            OverrideEntry exclude = new OverrideEntry(UUID.randomUUID(),
                    second.id(), org.id(), people.get(1), OverrideKind.EXCLUDE, "no", now.plusSeconds(60), null, now);
            world.inOrg(org.id(), () -> {
                overrides().add(include);
                overrides().add(exclude);
                dynamicMembers().applyDiff(first.id(), org.id(), Set.of(people.get(0), people.get(1)),
                        Set.of(people.get(0)), Cause.RULE_CHANGE, now);
                dynamicMembers().applyDiff(second.id(), org.id(), Set.of(people.get(0)), Cause.RULE_CHANGE, now);
            });

            assertThat(world.inOrg(org.id(), () -> lookups().overridesOf(org.id(), List.of(people.get(0),
                    people.get(1))))).containsExactlyInAnyOrder(include, exclude);
            assertThat(world.inOrg(org.id(), () -> lookups().overridesOf(org.id(), List.of(people.get(2)))))
                    .isEmpty();
            assertThat(world.inOrg(org.id(), () -> lookups().computedOf(org.id(), people))).isEqualTo(Map.of(
                    people.get(0), Map.of(first.id(), Via.INCLUDE, second.id(), Via.RULE),
                    people.get(1), Map.of(first.id(), Via.RULE)));
            Organization other = world.newOrg();
            assertThat(world.inOrg(other.id(), () -> lookups().overridesOf(other.id(), people))).isEmpty();
            assertThat(world.inOrg(other.id(), () -> lookups().computedOf(other.id(), people))).isEmpty();
        } finally {
            world.deleteGroups(org.id(), List.of(first.id(), second.id()));
        }
    }

    @Test
    void everyone_below_a_manager_is_found_at_any_depth_up_to_the_limit() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId top = someUser("top");
        newMember(world, org.id(), top, profile(null, null));
        UserId lead = someUser("lead");
        newMember(world, org.id(), lead, profile(null, top));
        UserId dev = someUser("dev");
        newMember(world, org.id(), dev, profile(null, lead));
        UserId intern = someUser("intern");
        newMember(world, org.id(), intern, profile(null, dev));
        UserId peer = someUser("peer");
        newMember(world, org.id(), peer, profile(null, top));

        assertThat(world.inOrg(org.id(), () -> lookups().reportsBelow(org.id(), lead, 100)))
                .containsExactlyInAnyOrder(dev, intern);
        assertThat(world.inOrg(org.id(), () -> lookups().reportsBelow(org.id(), top, 100)))
                .containsExactlyInAnyOrder(lead, dev, intern, peer);
        assertThat(world.inOrg(org.id(), () -> lookups().reportsBelow(org.id(), top, 2))).hasSize(2);
        assertThat(world.inOrg(org.id(), () -> lookups().reportsBelow(org.id(), intern, 100))).isEmpty();
    }
}
