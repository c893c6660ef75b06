package circles.application.port.out.override;

import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.dynamic.OverrideEntry;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link OverrideRepository} rely on, whichever storage serves it: a group's entries listed oldest
 * first and reached only through their own group and org, a user on each list of a group once, entries only for a
 * group of their own org, and expired entries of every org claimed oldest expiry first. Each case deletes the dynamic
 * groups it made, so that no refresh picks them up and no expired entry of it is left for another case to claim.
 */
public abstract class OverrideRepositoryContract {
    /** Long before any entry another test makes expires, so that claiming up to it claims only this case's. */
    private static final Instant LONG_AGO = Instant.parse("1991-04-01T00:00:00Z");

    protected abstract PortFixture fixture();

    protected abstract OverrideRepository repository();

    @Test
    void entries_are_listed_oldest_first_and_reached_only_through_their_group_and_org() {
        inOrgs((world, scene) -> {
            Instant now = world.now();
            GroupId group = scene.newGroup(scene.org());
            UserId first = world.newMember(scene.orgs().getFirst(), "first");
            UserId second = world.newMember(scene.orgs().getFirst(), "second");
            OverrideEntry older = entry(group, scene.org(), second, OverrideKind.EXCLUDE, "moved away",
                    now.plus(Duration.ofDays(1)), new UserId("admin"), now.minusSeconds(60));
            OverrideEntry newer = entry(group, scene.org(), first, OverrideKind.INCLUDE, null, null, null, now);
            world.inOrg(scene.org(), () -> {
                repository().add(newer);
                repository().add(older);
                return null;
            });

            assertThat(world.inOrg(scene.org(), () -> repository().list(group, scene.org())))
                    .containsExactly(older, newer);
            assertThat(world.inOrg(scene.org(), () -> repository().find(group, scene.org(), older.id())))
                    .contains(older);
            GroupId emptyGroup = scene.newGroup(scene.org());
            assertThat(world.inOrg(scene.org(), () -> repository().list(emptyGroup, scene.org()))).isEmpty();
            assertThat(world.inOrg(scene.org(), () -> repository().find(emptyGroup, scene.org(), older.id())))
                    .isEmpty();

            OrgId other = scene.otherOrg();
            assertThat(world.inOrg(other, () -> repository().list(group, other))).isEmpty();
            assertThat(world.inOrg(other, () -> repository().find(group, other, older.id()))).isEmpty();
            assertThat(world.inOrg(other, () -> repository().remove(group, other, older.id()))).isFalse();
            assertThat(world.inOrg(scene.org(), () -> repository().list(group, scene.org())))
                    .as("a remove through another org removes nothing").containsExactly(older, newer);
        });
    }

    @Test
    void a_removed_entry_is_gone_and_removing_it_again_says_so() {
        inOrgs((world, scene) -> {
            GroupId group = scene.newGroup(scene.org());
            UserId member = world.newMember(scene.orgs().getFirst(), "member");
            OverrideEntry entry = entry(group, scene.org(), member, OverrideKind.EXCLUDE, "left", null, null,
                    world.now());
            world.inOrg(scene.org(), () -> {
                repository().add(entry);
                return null;
            });

            assertThat(world.inOrg(scene.org(), () -> repository().remove(group, scene.org(), entry.id()))).isTrue();
            assertThat(world.inOrg(scene.org(), () -> repository().remove(group, scene.org(), entry.id()))).isFalse();
            assertThat(world.inOrg(scene.org(), () -> repository().find(group, scene.org(), entry.id()))).isEmpty();
            assertThat(world.inOrg(scene.org(), () -> repository().list(group, scene.org()))).isEmpty();
            assertThat(world.inOrg(scene.org(), () -> repository().remove(group, scene.org(), UUID.randomUUID())))
                    .isFalse();
        });
    }

    @Test
    void a_user_is_on_each_list_of_a_group_once() {
        inOrgs((world, scene) -> {
            GroupId group = scene.newGroup(scene.org());
            GroupId otherGroup = scene.newGroup(scene.org());
            UserId member = world.newMember(scene.orgs().getFirst(), "member");
            OverrideEntry included = entry(group, scene.org(), member, OverrideKind.INCLUDE, null, null, null,
                    world.now());
            world.inOrg(scene.org(), () -> {
                repository().add(included);
                return null;
            });

            assertThatThrownBy(() -> world.inOrg(scene.org(), () -> {
                repository().add(entry(group, scene.org(), member, OverrideKind.INCLUDE, "again", null, null,
                        world.now()));
                return null;
            })).isInstanceOf(Conflict.class);
            assertThat(world.inOrg(scene.org(), () -> repository().list(group, scene.org())))
                    .containsExactly(included);

            world.inOrg(scene.org(), () -> {
                repository().add(entry(group, scene.org(), member, OverrideKind.EXCLUDE, null, null, null,
                        world.now()));
                repository().add(entry(otherGroup, scene.org(), member, OverrideKind.INCLUDE, null, null, null,
                        world.now()));
                return null;
            });
            assertThat(world.inOrg(scene.org(), () -> repository().list(group, scene.org())))
                    .extracting(OverrideEntry::kind)
                    .containsExactlyInAnyOrder(OverrideKind.INCLUDE, OverrideKind.EXCLUDE);
            assertThat(world.inOrg(scene.org(), () -> repository().list(otherGroup, scene.org()))).hasSize(1);
        });
    }

    @Test
    void an_entry_for_a_group_of_another_org_or_no_group_is_refused() {
        inOrgs((world, scene) -> {
            GroupId group = scene.newGroup(scene.org());
            OrgId other = scene.otherOrg();
            UserId member = world.newMember(scene.orgs().getFirst(), "member");

            assertThatThrownBy(() -> world.inOrg(other, () -> {
                repository().add(entry(group, other, member, OverrideKind.INCLUDE, null, null, null, world.now()));
                return null;
            })).isInstanceOf(DomainException.class);
            GroupId missing = new GroupId(UUID.randomUUID());
            assertThatThrownBy(() -> world.inOrg(scene.org(), () -> {
                repository().add(entry(missing, scene.org(), member, OverrideKind.INCLUDE, null, null, null,
                        world.now()));
                return null;
            })).isInstanceOf(DomainException.class);

            assertThat(world.inOrg(other, () -> repository().list(group, other))).isEmpty();
            assertThat(world.inOrg(scene.org(), () -> repository().list(group, scene.org()))).isEmpty();
        });
    }

    @Test
    void expired_entries_of_every_org_are_claimed_oldest_expiry_first_up_to_the_limit() {
        inOrgs((world, scene) -> {
            GroupId groupA = scene.newGroup(scene.org());
            GroupId groupB = scene.newGroup(scene.otherOrg());
            UserId a = world.newMember(scene.orgs().getFirst(), "a");
            UserId b = world.newMember(scene.orgs().getLast(), "b");
            Instant created = LONG_AGO.minus(Duration.ofDays(1));
            OverrideEntry expiredSecond = entry(groupA, scene.org(), a, OverrideKind.INCLUDE, null,
                    LONG_AGO.plusSeconds(1), null, created);
            OverrideEntry expiredFirst = entry(groupB, scene.otherOrg(), b, OverrideKind.EXCLUDE, null, LONG_AGO,
                    null, created);
            OverrideEntry expiredJustNow = entry(groupB, scene.otherOrg(), b, OverrideKind.INCLUDE, null,
                    LONG_AGO.plusSeconds(2), null, created);
            OverrideEntry current = entry(groupA, scene.org(), a, OverrideKind.EXCLUDE, null,
                    LONG_AGO.plusSeconds(3), null, created);
            OverrideEntry forever = entry(groupA, scene.org(), b, OverrideKind.INCLUDE, null, null, null, created);
            world.inOrg(scene.org(), () -> {
                repository().add(expiredSecond);
                repository().add(current);
                repository().add(forever);
                return null;
            });
            world.inOrg(scene.otherOrg(), () -> {
                repository().add(expiredJustNow);
                repository().add(expiredFirst);
                return null;
            });
            Instant now = LONG_AGO.plusSeconds(2);

            assertThat(world.inTransaction(() -> repository().claimExpired(now, 10)))
                    .as("expired at or before now, across orgs, oldest expiry first")
                    .containsExactly(expiredFirst, expiredSecond, expiredJustNow);
            assertThat(world.inTransaction(() -> repository().claimExpired(now, 2)))
                    .containsExactly(expiredFirst, expiredSecond);
            assertThat(world.inTransaction(() -> repository().claimExpired(LONG_AGO.minusNanos(1000), 10)))
                    .isEmpty();
            assertThat(world.inOrg(scene.org(), () -> repository().list(groupA, scene.org())))
                    .as("claiming removes nothing").hasSize(3);
        });
    }

    private static OverrideEntry entry(GroupId group, OrgId org, UserId userId, OverrideKind kind, String reason,
                                       Instant expiresAt, UserId createdBy, Instant createdAt) {
        return new OverrideEntry(UUID.randomUUID(), group, org, userId, kind, reason, expiresAt, createdBy,
                createdAt);
    }

    /** Two orgs, the first being the one the case works in, and the dynamic groups the case makes in them. */
    protected record Scene(PortFixture world, List<Organization> orgs, List<Group> made) {
        OrgId org() {
            return orgs.getFirst().id();
        }

        OrgId otherOrg() {
            return orgs.getLast().id();
        }

        GroupId newGroup(OrgId orgId) {
            Group group = world.newDynamicGroup(orgId, "Overridden");
            made.add(group);
            return group.id();
        }
    }

    private void inOrgs(BiConsumer<PortFixture, Scene> body) {
        PortFixture world = fixture();
        Scene scene = new Scene(world, List.of(world.newOrg(), world.newOrg()), new ArrayList<>());
        try {
            body.accept(world, scene);
        } finally {
            // Deleting a group deletes its entries with it.
            for (Organization org : scene.orgs()) {
                world.deleteGroups(org.id(), scene.made().stream()
                        .filter(group -> group.orgId().filter(org.id()::equals).isPresent()).map(Group::id).toList());
            }
        }
    }
}
