package circles.adapter.out.persistence.group;

import circles.adapter.out.persistence.sql.PersistenceTest;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counts a group's row keeps (active memberships without and with a validity window) always equal a recount
 * of its memberships, whichever write changed them: inserts, status and window changes, deletes, leaving the org,
 * the expiry job.
 */
@QuarkusTest
class StoredMemberCountsTest extends PersistenceTest {
    @Inject
    EntityManager em;

    @Test
    void the_kept_counts_equal_a_recount_after_every_kind_of_membership_write() throws InterruptedException {
        Organization org = newOrg();
        Group group = newGroup(org.id(), unique("Counted"), null, Visibility.ORGANIZATION);
        List<UserId> people = List.of(user("a"), user("b"), user("c"), user("d"), user("e"));
        people.forEach(person -> newOrgMember(org.id(), person, OrgRole.MEMBER));
        Instant soon = now().plus(Duration.ofSeconds(1));

        join(group, people.get(0), GroupRole.MEMBER, MembershipStatus.ACTIVE);
        join(group, people.get(1), GroupRole.MEMBER, MembershipStatus.PENDING);
        join(group, people.get(2), new Membership.Terms(GroupRole.MEMBER, MembershipStatus.ACTIVE, null, soon, null));
        join(group, people.get(3), GroupRole.ADMIN, MembershipStatus.ACTIVE);
        join(group, people.get(4), GroupRole.MEMBER, MembershipStatus.SUSPENDED);
        assertThat(kept(group.id())).containsExactly(2L, 1L).isEqualTo(recount(group.id()));

        change(group, people.get(1), membership -> membership.changeStatus(MembershipStatus.ACTIVE));
        change(group, people.get(3), membership -> membership.changeValidity(null, now().plus(Duration.ofDays(9))));
        change(group, people.get(4), membership -> membership.changeStatus(MembershipStatus.ACTIVE));
        assertThat(kept(group.id())).containsExactly(3L, 2L).isEqualTo(recount(group.id()));

        inTx(() -> {
            tenant.enter(org.id());
            memberships.delete(group.id(), people.get(0));
        });
        tx(() -> memberships.removeFromOrg(org.id(), people.get(1)));
        assertThat(kept(group.id())).containsExactly(1L, 2L).isEqualTo(recount(group.id()));

        while (Instant.now().isBefore(soon)) {
            Thread.sleep(50);
        }
        tx(() -> memberships.removeEnded(Instant.now(), 100));
        assertThat(kept(group.id())).containsExactly(1L, 1L).isEqualTo(recount(group.id()));
    }

    private void change(Group group, UserId userId, java.util.function.Consumer<Membership> change) {
        inTx(() -> {
            tenant.enter(group.orgIdOrNull());
            Membership membership = memberships.find(group.id(), userId).orElseThrow();
            change.accept(membership);
            memberships.save(membership);
        });
    }

    /** The kept counts: active without a window, active with one. */
    private List<Long> kept(GroupId id) {
        return counts("select g.active_members, g.windowed_members from groups g where g.id = ?1", id);
    }

    private List<Long> recount(GroupId id) {
        return counts("select count(*) filter (where m.valid_from is null and m.valid_until is null),"
                + " count(*) filter (where m.valid_from is not null or m.valid_until is not null)"
                + " from group_members m where m.group_id = ?1 and m.status = 'active'", id);
    }

    private List<Long> counts(String sql, GroupId id) {
        return tx(() -> {
            em.createNativeQuery("select set_config('circles.scope', 'all', true)").getSingleResult();
            Object[] row = (Object[]) em.createNativeQuery(sql).setParameter(1, id.value()).getSingleResult();
            return List.of(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        });
    }
}
