package circles.application.port.out.dynamic;

import circles.application.port.out.dynamic.RefreshClaims.Claim;
import circles.application.port.out.dynamic.RefreshClaims.State;
import circles.application.port.out.dynamic.RefreshClaims.Status;
import circles.application.port.out.shared.PortFixture;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.Visibility;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link RefreshClaims} rely on, whichever storage serves it: due dynamic groups of every org claimed
 * oldest due first (the limit takes the oldest; the list itself has no order), once, and again when next due; a
 * claim held until its lease ends, renewed and released by its holder alone; a refresh asked for during an
 * evaluation kept by its release; and the evaluation state of each dynamic group. Cases schedule their groups long
 * ago, before any group another test schedules, and keep only their own groups' claims (another test's groups may be
 * due too); each deletes the groups it made.
 */
public abstract class RefreshClaimsContract {
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** Long before any time another test schedules a group at. */
    private static final Instant LONG_AGO = Instant.parse("1993-06-01T00:00:00Z");

    protected abstract PortFixture fixture();

    protected abstract RefreshClaims claims();

    @Test
    void due_dynamic_groups_of_every_org_are_claimed_oldest_first_once_and_again_when_next_due() {
        inTwoOrgs((world, scene) -> {
            Instant now = LONG_AGO.plus(Duration.ofDays(1));
            GroupId oldest = scene.scheduled(scene.org(), now.minusSeconds(2));
            GroupId elsewhere = scene.scheduled(scene.otherOrg(), now.minusSeconds(1));
            GroupId dueNow = scene.scheduled(scene.org(), now);
            GroupId later = scene.scheduled(scene.org(), now.plusSeconds(60));
            GroupId unscheduled = scene.newDynamicGroup(scene.org());

            // The limit takes the oldest due; the claims themselves come in no particular order.
            List<Claim> first = scene.claimDue(now, 2);
            assertThat(first).extracting(Claim::groupId).containsExactlyInAnyOrder(oldest, elsewhere);
            Instant tomorrow = now.plus(Duration.ofDays(1));
            first.forEach(claim -> world.inOrg(claim.orgId(), () -> claims().release(claim, null, tomorrow)));
            List<Claim> rest = scene.claimDue(now, 10);
            assertThat(rest).extracting(Claim::groupId).as("claimed groups are not claimed again")
                    .containsExactly(dueNow);
            assertThat(rest.getFirst().orgId()).isEqualTo(scene.org());
            assertThat(rest.getFirst().refreshIntervalMinutes()).isEqualTo(60);
            State claimed = scene.state(dueNow, scene.org());
            assertThat(claimed.status()).isEqualTo(Status.EVALUATING);
            assertThat(claimed.evaluationStartedAt()).isEqualTo(now);
            assertThat(scene.claimDue(now.plusSeconds(1), 10)).isEmpty();

            Instant next = now.plus(Duration.ofHours(1));
            assertThat(world.inOrg(scene.org(), () -> claims().release(rest.getFirst(), null, next))).isTrue();
            State released = scene.state(dueNow, scene.org());
            assertThat(released.status()).isEqualTo(Status.IDLE);
            assertThat(released.evaluationStartedAt()).isNull();
            assertThat(released.nextRefreshAt()).isEqualTo(next);
            List<Claim> laterClaim = scene.claimDue(now.plusSeconds(60), 10);
            assertThat(laterClaim).extracting(Claim::groupId).containsExactly(later);
            world.inOrg(scene.org(), () -> claims().release(laterClaim.getFirst(), null, tomorrow));
            assertThat(scene.claimDue(next, 10)).extracting(Claim::groupId).containsExactly(dueNow);
            assertThat(scene.state(unscheduled, scene.org()).status()).isEqualTo(Status.IDLE);
        });
    }

    @Test
    void only_active_dynamic_groups_are_claimed() {
        inTwoOrgs((world, scene) -> {
            Instant now = LONG_AGO.plus(Duration.ofDays(2));
            Group staticGroup = world.newGroup(scene.org(), unique("Static"), null, Visibility.PRIVATE);
            scene.made().add(staticGroup);
            world.inOrg(scene.org(), () -> {
                claims().schedule(staticGroup.id(), scene.org(), 60, now.minusSeconds(1));
                return null;
            });
            GroupId archived = scene.scheduled(scene.org(), now.minusSeconds(1));
            world.inOrg(scene.org(), () -> {
                Group group = world.groups().findById(archived).orElseThrow();
                group.archive(world.now());
                return world.groups().save(group);
            });

            assertThat(scene.claimDue(now, 10)).isEmpty();
            assertThat(world.inOrg(scene.org(), () -> claims().claim(staticGroup.id(), scene.org(), now, LEASE)))
                    .isEmpty();
            assertThat(world.inOrg(scene.org(), () -> claims().claim(archived, scene.org(), now, LEASE))).isEmpty();
            assertThat(world.inOrg(scene.org(), () -> claims().state(staticGroup.id(), scene.org()))).isEmpty();
        });
    }

    @Test
    void a_claim_holds_until_its_lease_ends_and_only_its_holder_renews_or_releases_it() {
        inTwoOrgs((world, scene) -> {
            Instant now = LONG_AGO.plus(Duration.ofDays(3));
            GroupId group = scene.scheduled(scene.org(), now.plus(Duration.ofHours(1)));

            assertThat(world.inOrg(scene.otherOrg(), () -> claims().claim(group, scene.otherOrg(), now, LEASE)))
                    .as("a group is claimed in its own org only").isEmpty();
            Claim first = scene.claim(group, now).orElseThrow();
            assertThat(scene.claim(group, now.plusSeconds(1))).isEmpty();
            // Renewed 20 s in, the claim holds past its first lease end, until 50 s.
            assertThat(world.inTransaction(() -> claims().renew(List.of(first), now.plusSeconds(20), LEASE)))
                    .containsExactly(first);
            assertThat(scene.claim(group, now.plusSeconds(49))).isEmpty();

            Claim second = scene.claim(group, now.plusSeconds(50)).orElseThrow();
            assertThat(second.holder()).isNotEqualTo(first.holder());
            assertThat(world.inTransaction(() -> claims().renew(List.of(first, second), now.plusSeconds(55), LEASE)))
                    .containsExactly(second);
            assertThat(world.inOrg(scene.org(), () -> claims().release(first, "gave up", now.plusSeconds(3600))))
                    .as("the former holder releases nothing").isFalse();
            State held = scene.state(group, scene.org());
            assertThat(held.status()).isEqualTo(Status.EVALUATING);
            assertThat(held.evaluationStartedAt()).isEqualTo(now.plusSeconds(50));
            assertThat(held.lastError()).isNull();

            assertThat(world.inOrg(scene.org(), () -> claims().release(second, null, null))).isTrue();
            assertThat(scene.state(group, scene.org()).status()).isEqualTo(Status.IDLE);
            assertThat(world.inOrg(scene.org(), () -> claims().release(second, null, null))).as("released once")
                    .isFalse();
            assertThat(world.inTransaction(() -> claims().renew(List.of(second), now.plusSeconds(60), LEASE)))
                    .isEmpty();
        });
    }

    @Test
    void a_manual_claim_makes_the_group_due_so_that_the_schedule_takes_it_over_when_its_lease_ends() {
        inTwoOrgs((world, scene) -> {
            Instant now = LONG_AGO.plus(Duration.ofDays(4));
            GroupId group = scene.scheduled(scene.org(), now.plus(Duration.ofHours(1)));
            Claim dead = scene.claim(group, now).orElseThrow();
            assertThat(scene.state(group, scene.org()).nextRefreshAt()).isEqualTo(now);

            assertThat(scene.claimDue(now.plus(LEASE).minusSeconds(1), 10)).isEmpty();
            List<Claim> taken = scene.claimDue(now.plus(LEASE), 10);
            assertThat(taken).singleElement().satisfies(claim -> assertThat(claim.holder())
                    .isNotEqualTo(dead.holder()));
            assertThat(scene.state(group, scene.org()).evaluationStartedAt()).isEqualTo(now.plus(LEASE));
            assertThat(world.inOrg(scene.org(), () -> claims().release(dead, null, null))).isFalse();
            assertThat(world.inOrg(scene.org(), () -> claims().release(taken.getFirst(), null, null))).isTrue();
        });
    }

    @Test
    void a_release_keeps_a_sooner_refresh_asked_for_during_the_evaluation_and_says_how_it_ended() {
        inTwoOrgs((world, scene) -> {
            Instant now = LONG_AGO.plus(Duration.ofDays(5));
            GroupId group = scene.scheduled(scene.org(), now.minusSeconds(1));
            Claim claim = scene.claimDue(now, 10).getFirst();
            Instant asked = now.plusSeconds(5);
            world.inOrg(scene.org(), () -> {
                claims().schedule(group, scene.org(), 30, asked);
                return null;
            });

            assertThat(world.inOrg(scene.org(), () -> claims().release(claim, "the rule refers to a deleted group",
                    now.plus(Duration.ofHours(1))))).isTrue();
            State failed = scene.state(group, scene.org());
            assertThat(failed.status()).isEqualTo(Status.FAILED);
            assertThat(failed.lastError()).isEqualTo("the rule refers to a deleted group");
            assertThat(failed.nextRefreshAt()).as("the sooner time asked for meanwhile").isEqualTo(asked);
            assertThat(failed.refreshIntervalMinutes()).isEqualTo(30);

            Claim again = scene.claimDue(asked, 10).getFirst();
            Instant next = asked.plus(Duration.ofHours(1));
            assertThat(world.inOrg(scene.org(), () -> claims().release(again, null, next))).isTrue();
            State idle = scene.state(group, scene.org());
            assertThat(idle.status()).isEqualTo(Status.IDLE);
            assertThat(idle.lastError()).isNull();
            assertThat(idle.nextRefreshAt()).as("nothing asked for meanwhile: the time given").isEqualTo(next);
        });
    }

    @Test
    void a_dynamic_group_has_an_evaluation_state_from_its_creation_in_its_own_org_only() {
        inTwoOrgs((world, scene) -> {
            GroupId group = scene.newDynamicGroup(scene.org());
            State fresh = scene.state(group, scene.org());
            assertThat(fresh.status()).isEqualTo(Status.IDLE);
            assertThat(fresh.evaluationStartedAt()).isNull();
            assertThat(fresh.lastComputedAt()).isNull();
            assertThat(fresh.lastError()).isNull();
            assertThat(fresh.refreshIntervalMinutes()).isZero();
            assertThat(fresh.nextRefreshAt()).isNull();
            assertThat(fresh.memberCount()).isZero();
            assertThat(world.inOrg(scene.otherOrg(), () -> claims().state(group, scene.otherOrg()))).isEmpty();

            world.inOrg(scene.org(), () -> {
                claims().schedule(group, scene.org(), 15, LONG_AGO);
                return null;
            });
            assertThat(scene.state(group, scene.org()).refreshIntervalMinutes()).isEqualTo(15);
            assertThat(scene.state(group, scene.org()).nextRefreshAt()).isEqualTo(LONG_AGO);
            world.inOrg(scene.org(), () -> {
                claims().schedule(group, scene.org(), 0, null);
                return null;
            });
            assertThat(scene.state(group, scene.org()).nextRefreshAt()).as("no schedule").isNull();
            assertThatThrownBy(() -> world.inOrg(scene.org(), () -> {
                claims().schedule(group, scene.org(), -1, LONG_AGO);
                return null;
            })).isInstanceOf(IllegalArgumentException.class);
            assertThat(scene.state(group, scene.org()).refreshIntervalMinutes()).isZero();
        });
    }

    /** Two orgs, the first being the one the case works in, and the groups the case makes in them. */
    protected record Scene(PortFixture world, List<Organization> orgs, List<Group> made, RefreshClaims claims) {
        OrgId org() {
            return orgs.getFirst().id();
        }

        OrgId otherOrg() {
            return orgs.getLast().id();
        }

        GroupId newDynamicGroup(OrgId orgId) {
            Group group = world.newDynamicGroup(orgId, "Refreshed");
            made.add(group);
            return group.id();
        }

        /** A dynamic group refreshed hourly, next at {@code next}. */
        GroupId scheduled(OrgId orgId, Instant next) {
            GroupId group = newDynamicGroup(orgId);
            world.inOrg(orgId, () -> {
                claims.schedule(group, orgId, 60, next);
                return null;
            });
            return group;
        }

        /** The due groups claimed, of this case's only. */
        List<Claim> claimDue(Instant now, int limit) {
            Set<GroupId> mine = Set.copyOf(made.stream().map(Group::id).toList());
            return world.inTransaction(() -> claims.claimDue(now, LEASE, limit)).stream()
                    .filter(claim -> mine.contains(claim.groupId())).toList();
        }

        java.util.Optional<Claim> claim(GroupId group, Instant now) {
            return world.inOrg(org(), () -> claims.claim(group, org(), now, LEASE));
        }

        State state(GroupId group, OrgId orgId) {
            return world.inOrg(orgId, () -> claims.state(group, orgId)).orElseThrow();
        }
    }

    private void inTwoOrgs(BiConsumer<PortFixture, Scene> body) {
        PortFixture world = fixture();
        Scene scene = new Scene(world, List.of(world.newOrg(), world.newOrg()), new ArrayList<>(), claims());
        try {
            body.accept(world, scene);
        } finally {
            for (Organization org : scene.orgs()) {
                world.deleteGroups(org.id(), scene.made().stream()
                        .filter(group -> group.orgId().filter(org.id()::equals).isPresent()).map(Group::id).toList());
            }
        }
    }
}
