package circles.application.port.out.member;

import circles.application.port.in.member.ImportMembersUseCase.Outcome;
import circles.application.port.out.member.MemberImportStore.Counts;
import circles.application.port.out.member.MemberImportStore.StagedRow;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.org.ProfilePatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static circles.application.port.out.shared.PortFixture.someUser;
import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What callers of {@link MemberImportStore} rely on, whichever storage serves it: staged rows classified against the
 * stored members (created, updated, unchanged) and written as classified, new members active {@code member}s unless
 * a row says otherwise and joining the auto-add groups, custom attributes merged key by key or replaced, discarded
 * rows left out, a manager allowed further down the same import, and lookups by id and by email (in any case) within
 * one org.
 */
public abstract class MemberImportStoreContract {
    protected abstract PortFixture fixture();

    protected abstract MemberImportStore store();

    private static ProfilePatch patch(String department, Optional<UserId> manager,
                                      ProfilePatch.AttributeChanges custom) {
        return new ProfilePatch(null, null, department == null ? null : Optional.of(department), null, null, manager,
                null, null, null, null, custom, null);
    }

    @Test
    void staged_rows_are_classified_against_the_stored_members_and_written_set_based() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId kept = someUser("kept");
        UserId changed = someUser("changed");
        world.inOrg(org.id(), () -> {
            world.users().ensureExist(List.of(kept, changed));
            world.orgMembers().save(OrgMember.join(org.id(), kept, OrgRole.MEMBER, new MemberProfile("k@example.test",
                    "K", "sales", null, null, null, null, null, null, null, Map.of("team", "a", "shirt", "m"), null),
                    world.now()));
            return world.orgMembers().save(OrgMember.join(org.id(), changed, OrgRole.MEMBER,
                    MemberProfile.named("c@example.test", "C"), world.now()));
        });
        UserId fresh = someUser("fresh");
        UserId boss = someUser("boss");

        Counts counts = world.inOrg(org.id(), () -> {
            MemberImportStore.Staging staging = store().open(org.id());
            staging.stage(List.of(
                    new StagedRow(0, fresh, patch("engineering", Optional.of(boss),
                            new ProfilePatch.AttributeChanges(false, Map.of("badge", "blue \"x\", y"), Set.of())),
                            null, MemberStatus.SUSPENDED),
                    new StagedRow(1, kept, patch("sales", null,
                            new ProfilePatch.AttributeChanges(false, Map.of("team", "a"), Set.of())), null, null),
                    new StagedRow(2, changed, patch(null, Optional.empty(),
                            new ProfilePatch.AttributeChanges(false, Map.of("x", "1"), Set.of())), OrgRole.IT_ADMIN,
                            null),
                    new StagedRow(3, boss, patch(null, null, null), null, null)));
            Counts classified = staging.classify();
            assertThat(staging.changedRows(10)).extracting(MemberImportStore.StagedOutcome::userId,
                    MemberImportStore.StagedOutcome::outcome).containsExactly(tuple(fresh, Outcome.CREATED),
                    tuple(changed, Outcome.UPDATED), tuple(boss, Outcome.CREATED));
            assertThat(staging.changedRows(2)).extracting(MemberImportStore.StagedOutcome::index)
                    .containsExactly(0, 2);
            staging.write(world.now(), List.of());
            return classified;
        });

        assertThat(counts).isEqualTo(new Counts(2, 1, 1));
        OrgMember created = world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), fresh).orElseThrow());
        assertThat(created.profile().department()).isEqualTo("engineering");
        assertThat(created.profile().managerId()).isEqualTo(boss);
        assertThat(created.profile().customAttributes()).containsExactly(Map.entry("badge", "blue \"x\", y"));
        assertThat(created.status()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(created.role()).isEqualTo(OrgRole.MEMBER);
        assertThat(created.version()).isEqualTo(1);
        OrgMember updated = world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), changed).orElseThrow());
        assertThat(updated.role()).isEqualTo(OrgRole.IT_ADMIN);
        assertThat(updated.profile().email()).isEqualTo("c@example.test");
        assertThat(updated.profile().customAttributes()).containsExactly(Map.entry("x", "1"));
        assertThat(updated.version()).isEqualTo(2);
        OrgMember untouched = world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), kept).orElseThrow());
        assertThat(untouched.version()).isEqualTo(1);
        assertThat(untouched.profile().customAttributes()).containsEntry("shirt", "m");
    }

    @Test
    void changed_rows_come_in_file_order_whatever_the_order_they_were_staged_in() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId first = someUser("first");
        UserId second = someUser("second");
        UserId third = someUser("third");

        List<Integer> order = world.inOrg(org.id(), () -> {
            MemberImportStore.Staging staging = store().open(org.id());
            staging.stage(List.of(new StagedRow(5, third, ProfilePatch.NONE, null, null),
                    new StagedRow(2, second, ProfilePatch.NONE, null, null)));
            staging.stage(List.of(new StagedRow(0, first, ProfilePatch.NONE, null, null)));
            assertThat(staging.classify()).isEqualTo(new Counts(3, 0, 0));
            return staging.changedRows(10).stream().map(MemberImportStore.StagedOutcome::index).toList();
        });

        assertThat(order).containsExactly(0, 2, 5);
    }

    @Test
    void custom_attributes_merge_key_by_key_and_can_be_cleared() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId member = someUser("member");
        world.inOrg(org.id(), () -> {
            world.users().ensureExist(List.of(member));
            return world.orgMembers().save(OrgMember.join(org.id(), member, OrgRole.MEMBER, new MemberProfile(null,
                    null, null, null, null, null, null, null, null, null, Map.of("a", "1", "b", "2", "c", "3"), null),
                    world.now()));
        });

        world.inOrg(org.id(), () -> {
            MemberImportStore.Staging staging = store().open(org.id());
            staging.stage(List.of(new StagedRow(0, member, patch(null, null,
                    new ProfilePatch.AttributeChanges(false, Map.of("d", "4", "a", "9"), Set.of("b"))), null, null)));
            assertThat(staging.classify().updated()).isEqualTo(1);
            staging.write(world.now(), List.of());
        });
        assertThat(world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), member).orElseThrow().profile()
                .customAttributes()))
                .isEqualTo(Map.of("a", "9", "c", "3", "d", "4"));

        world.inOrg(org.id(), () -> {
            MemberImportStore.Staging staging = store().open(org.id());
            staging.stage(List.of(new StagedRow(0, member, patch(null, null,
                    new ProfilePatch.AttributeChanges(true, Map.of("e", "5"), Set.of())), null, null)));
            staging.classify();
            staging.write(world.now(), List.of());
        });
        assertThat(world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), member).orElseThrow().profile()
                .customAttributes()))
                .isEqualTo(Map.of("e", "5"));
    }

    @Test
    void discarded_rows_are_neither_counted_nor_written_and_new_members_join_auto_add_groups() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Group welcome = world.newGroup(org.id(), unique("Welcome"), null, Visibility.ORGANIZATION);
        UserId kept = someUser("kept");
        UserId dropped = someUser("dropped");

        world.inOrg(org.id(), () -> {
            MemberImportStore.Staging staging = store().open(org.id());
            staging.stage(List.of(new StagedRow(0, kept, ProfilePatch.NONE, null, null),
                    new StagedRow(1, dropped, ProfilePatch.NONE, null, null)));
            staging.discard(List.of(1));
            assertThat(staging.classify()).isEqualTo(new Counts(1, 0, 0));
            staging.write(world.now(), List.of(welcome.id()));
        });

        assertThat(world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), dropped))).isEmpty();
        var joined = world.inOrg(org.id(), () -> world.memberships().find(welcome.id(), kept).orElseThrow());
        assertThat(joined.role()).isEqualTo(GroupRole.MEMBER);
        assertThat(joined.status()).isEqualTo(MembershipStatus.ACTIVE);
    }

    @Test
    void lookups_find_members_by_id_and_by_email_case_insensitively_only_in_their_org() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        UserId ana = someUser("ana");
        UserId manager = someUser("manager");
        world.newOrgMember(org.id(), manager, OrgRole.ADMIN);
        world.inOrg(org.id(), () -> {
            world.users().ensureExist(List.of(ana));
            return world.orgMembers().save(OrgMember.join(org.id(), ana, OrgRole.MEMBER, new MemberProfile(
                    "Ana@Example.test",
                    null, null, null, null, manager, null, null, null, null, Map.of("k", "v"), null), world.now()));
        });
        world.newOrgMember(other.id(), someUser("stranger"), OrgRole.ADMIN);

        var current = world.inOrg(org.id(), () -> store().current(org.id(), List.of(ana, someUser("nobody"))));
        assertThat(current).containsOnlyKeys(ana);
        assertThat(current.get(ana).managerId()).isEqualTo(manager);
        assertThat(current.get(ana).customAttributeKeys()).containsExactly("k");
        assertThat(world.inOrg(org.id(), () -> store().membersByEmail(org.id(), List.of("ana@EXAMPLE.test"))))
                .isEqualTo(Map.of("ana@example.test", List.of(ana)));
        assertThat(world.inOrg(other.id(), () -> store().membersByEmail(other.id(), List.of("ana@example.test"))))
                .isEmpty();
    }

    @Test
    void a_manager_may_be_a_row_further_down_the_same_import() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        List<StagedRow> rows = new ArrayList<>();
        UserId[] chain = {someUser("a"), someUser("b"), someUser("c")};
        for (int i = 0; i < chain.length; i++) {
            rows.add(new StagedRow(i, chain[i], patch(null, i + 1 < chain.length ? Optional.of(chain[i + 1]) : null,
                    null), null, null));
        }

        world.inOrg(org.id(), () -> {
            MemberImportStore.Staging staging = store().open(org.id());
            staging.stage(rows);
            staging.classify();
            staging.write(world.now(), List.of());
        });

        assertThat(world.inOrg(org.id(), () -> world.orgMembers().find(org.id(), chain[0]).orElseThrow().profile()
                .managerId()))
                .isEqualTo(chain[1]);
    }
}
