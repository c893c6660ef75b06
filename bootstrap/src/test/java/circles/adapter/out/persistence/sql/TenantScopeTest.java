package circles.adapter.out.persistence.sql;

import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The org a transaction enters decides what group-keyed reads can reach, and cross-org reads leave it unchanged. */
@QuarkusTest
class TenantScopeTest extends PersistenceTest {

    @Test
    void group_keyed_reads_reach_only_the_entered_org_and_standalone_data() {
        Organization orgA = newOrg();
        Organization orgB = newOrg();
        UserId userId = user("member");
        newOrgMember(orgA.id(), userId, OrgRole.MEMBER);
        Group groupOfA = newGroup(orgA.id(), unique("A team"), null, Visibility.PUBLIC);
        Group club = newGroup(null, unique("Club"), null, Visibility.PUBLIC);
        join(groupOfA, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);
        join(club, userId, GroupRole.MEMBER, MembershipStatus.ACTIVE);

        inTx(() -> {
            tenant.enter(orgB.id());
            assertThat(memberships.find(groupOfA.id(), userId)).isEmpty();
            assertThat(memberships.find(club.id(), userId)).isPresent();
            assertThat(groups.descendants(groupOfA.id())).isEmpty();
            assertThat(groups.memberCounts(List.of(groupOfA.id()))).containsEntry(groupOfA.id(), 1L);
            // A cross-org read in between does not widen the transaction's reach afterwards.
            assertThat(groups.findById(groupOfA.id())).isPresent();
            assertThat(orgMembers.membershipsOf(userId)).hasSize(1);
            assertThat(memberships.find(groupOfA.id(), userId)).isEmpty();

            tenant.enter(orgA.id());
            assertThat(memberships.find(groupOfA.id(), userId)).isPresent();
        });
        inTx(() -> {
            // Nothing entered: standalone data only.
            assertThat(memberships.find(groupOfA.id(), userId)).isEmpty();
            assertThat(memberships.find(club.id(), userId)).isPresent();
        });
    }
}
