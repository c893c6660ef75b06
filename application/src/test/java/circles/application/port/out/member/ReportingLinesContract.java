package circles.application.port.out.member;

import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.org.ProfilePatch;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers of {@link ReportingLines} rely on, whichever storage serves it: the chain from a member up to the top
 * of their org, cut at a limit (which also ends a cycle), a manager's direct reports by user id, both within one org
 * and both seeing the changes saved earlier in the same transaction (the cycle check runs there). The lock's waiting
 * needs two transactions at once, which only PostgreSQL has; its own test shows it.
 */
public abstract class ReportingLinesContract {
    protected abstract PortFixture fixture();

    protected abstract ReportingLines lines();

    @Test
    void the_chain_runs_from_a_member_up_to_the_top_and_stops_at_the_limit() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId ceo = world.newMember(org, "ceo");
        UserId vp = world.newMember(org, "vp");
        UserId lead = world.newMember(org, "lead");
        UserId dev = world.newMember(org, "dev");
        world.inOrg(org.id(), () -> {
            manage(world, org.id(), vp, ceo);
            manage(world, org.id(), lead, vp);
            manage(world, org.id(), dev, lead);
            return null;
        });

        assertThat(world.inOrg(org.id(), () -> lines().chainFrom(org.id(), dev, 100)))
                .containsExactly(dev, lead, vp, ceo);
        assertThat(world.inOrg(org.id(), () -> lines().chainFrom(org.id(), dev, 2))).containsExactly(dev, lead);
        assertThat(world.inOrg(org.id(), () -> lines().chainFrom(org.id(), ceo, 100))).containsExactly(ceo);
        assertThat(world.inOrg(org.id(), () -> lines().chainFrom(org.id(), PortFixture.someUser("nobody"), 100)))
                .isEmpty();
        Organization other = world.newOrg();
        assertThat(world.inOrg(other.id(), () -> lines().chainFrom(other.id(), dev, 100))).isEmpty();
    }

    @Test
    void direct_reports_are_the_members_the_manager_manages_in_that_org_by_user_id() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        UserId boss = world.newMember(org, "boss");
        world.newOrgMember(other.id(), boss, OrgRole.MEMBER);
        UserId c = world.newMember(org, "c");
        UserId a = world.newMember(org, "a");
        UserId b = world.newMember(org, "b");
        UserId grandchild = world.newMember(org, "grandchild");
        world.newOrgMember(other.id(), a, OrgRole.MEMBER);
        world.inOrg(org.id(), () -> {
            manage(world, org.id(), c, boss);
            manage(world, org.id(), a, boss);
            manage(world, org.id(), b, boss);
            manage(world, org.id(), grandchild, a);
            return null;
        });
        world.inOrg(other.id(), () -> manage(world, other.id(), a, boss));

        assertThat(world.inOrg(org.id(), () -> lines().directReports(org.id(), boss))).containsExactly(a, b, c);
        assertThat(world.inOrg(other.id(), () -> lines().directReports(other.id(), boss))).containsExactly(a);
        assertThat(world.inOrg(org.id(), () -> lines().directReports(org.id(), grandchild))).isEmpty();
    }

    @Test
    void both_see_a_change_saved_earlier_in_the_same_transaction_and_a_cycle_ends_at_the_limit() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        UserId first = world.newMember(org, "first");
        UserId second = world.newMember(org, "second");
        world.inOrg(org.id(), () -> manage(world, org.id(), first, second));

        world.inOrg(org.id(), () -> {
            lines().lock(org.id());
            manage(world, org.id(), second, first);
            assertThat(lines().chainFrom(org.id(), second, 5)).containsExactly(second, first, second, first, second);
            assertThat(lines().directReports(org.id(), first)).containsExactly(second);
            return null;
        });
    }

    private static OrgMember manage(PortFixture world, OrgId orgId, UserId report, UserId manager) {
        OrgMember member = world.orgMembers().find(orgId, report).orElseThrow();
        member.changeProfile(ProfilePatch.managerId(Optional.of(manager)).applyTo(member.profile()), world.now());
        return world.orgMembers().save(member);
    }
}
