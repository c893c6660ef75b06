package circles.application.port.out.dynamic;

import circles.application.port.out.activity.ActivityStore;
import circles.application.port.out.activity.ActivityStore.Numbered;
import circles.application.port.out.shared.PortFixture;
import circles.domain.activity.ActivityEvent;
import circles.domain.activity.ActivityType;
import circles.domain.actor.UserId;
import circles.domain.criterion.CriterionRegistry;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleParser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers of {@link RuleMemberQuery} rely on, whichever storage serves it: which rules it takes on (every
 * criterion but {@code member_of}), the active members of the org a rule selects, their count, the first of them in
 * user id order, and activity criteria judged at the time asked. Whether it agrees with the in-memory evaluator on
 * every operator and odd text is for the PostgreSQL parity tests; this states the shape callers build on. Rules are
 * parsed by each storage's own criterion registry, whose activity criteria read that storage's activity.
 */
public abstract class RuleMemberQueryContract {
    private static final Instant NOW = Instant.parse("2026-04-15T12:00:00Z");

    protected abstract PortFixture fixture();

    protected abstract RuleMemberQuery query();

    protected abstract CriterionRegistry registry();

    protected abstract ActivityStore activity();

    private Rule rule(Object document) {
        return new RuleParser(registry()).parse(document);
    }

    @Test
    void it_takes_on_every_criterion_but_member_of_and_refuses_a_rule_it_does_not() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        for (Object supported : List.of(Map.of("criterion", "all_members"),
                Map.of("criterion", "attribute", "field", "department", "operator", "equals", "value", "eng"),
                Map.of("criterion", "last_active_within", "days", 7),
                Map.of("criterion", "inactive_for", "days", 30),
                Map.of("not", Map.of("criterion", "activity_score", "metric", "top_learners", "threshold", 10,
                        "windowDays", 30)))) {
            assertThat(query().supports(rule(supported))).as("supports %s", supported).isTrue();
        }
        Rule withMemberOf = rule(Map.of("any", List.of(Map.of("criterion", "all_members"),
                Map.of("criterion", "member_of", "groupId", UUID.randomUUID().toString()))));
        assertThat(query().supports(withMemberOf)).isFalse();
        assertThatThrownBy(() -> world.inOrg(org.id(), () -> query().count(org.id(), withMemberOf, NOW)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> world.inOrg(org.id(), () -> query().members(org.id(), withMemberOf, NOW)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_rule_selects_the_active_members_of_its_org_counted_and_paged_by_user_id() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        String prefix = unique("m");
        UserId c = member(world, org.id(), prefix + "-c", "eng", MemberStatus.ACTIVE);
        UserId a = member(world, org.id(), prefix + "-a", "eng", MemberStatus.ACTIVE);
        UserId b = member(world, org.id(), prefix + "-b", "eng", MemberStatus.ACTIVE);
        member(world, org.id(), prefix + "-d", "eng", MemberStatus.SUSPENDED);
        UserId sales = member(world, org.id(), prefix + "-e", "sales", MemberStatus.ACTIVE);
        Organization other = world.newOrg();
        member(world, other.id(), prefix + "-f", "eng", MemberStatus.ACTIVE);
        Rule engineers = rule(Map.of("criterion", "attribute", "field", "department", "operator", "equals",
                "value", "eng"));

        assertThat(world.inOrg(org.id(), () -> query().members(org.id(), engineers, NOW)))
                .containsExactlyInAnyOrder(a, b, c);
        assertThat(world.inOrg(org.id(), () -> query().count(org.id(), engineers, NOW))).isEqualTo(3);
        assertThat(world.inOrg(org.id(), () -> query().firstMembers(org.id(), engineers, NOW, 2)))
                .containsExactly(a, b);
        assertThat(world.inOrg(org.id(), () -> query().members(org.id(), rule(Map.of("criterion", "all_members")),
                NOW))).containsExactlyInAnyOrder(a, b, c, sales);
        assertThat(world.inOrg(org.id(), () -> query().members(org.id(), rule(Map.of("not", Map.of("criterion",
                "attribute", "field", "department", "operator", "equals", "value", "eng"))), NOW)))
                .containsExactly(sales);
    }

    @Test
    void activity_criteria_are_judged_at_the_time_asked() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        String prefix = unique("m");
        UserId recent = member(world, org.id(), prefix + "-recent", "eng", MemberStatus.ACTIVE);
        UserId earlier = member(world, org.id(), prefix + "-earlier", "eng", MemberStatus.ACTIVE);
        member(world, org.id(), prefix + "-never", "eng", MemberStatus.ACTIVE);
        world.inOrg(org.id(), () -> activity().write(org.id(), List.of(
                new Numbered(0, new ActivityEvent(unique("e"), recent, ActivityType.LOGIN,
                        NOW.minus(Duration.ofDays(2)), 1)),
                new Numbered(1, new ActivityEvent(unique("e"), earlier, ActivityType.LOGIN,
                        NOW.minus(Duration.ofDays(10)), 1)))));
        Rule lastWeek = rule(Map.of("criterion", "last_active_within", "days", 7));

        assertThat(world.inOrg(org.id(), () -> query().members(org.id(), lastWeek, NOW))).containsExactly(recent);
        assertThat(world.inOrg(org.id(), () -> query().members(org.id(), lastWeek, NOW.minus(Duration.ofDays(5)))))
                .containsExactlyInAnyOrder(recent, earlier);
        assertThat(world.inOrg(org.id(), () -> query().count(org.id(), lastWeek, NOW.plus(Duration.ofDays(6)))))
                .isZero();
        assertThat(world.inOrg(org.id(), () -> query().members(org.id(), rule(Map.of("criterion", "inactive_for",
                "days", 7)), NOW))).doesNotContain(recent).contains(earlier);
    }

    private static UserId member(PortFixture world, OrgId orgId, String id, String department, MemberStatus status) {
        UserId userId = new UserId(id);
        world.inOrg(orgId, () -> {
            world.users().ensureExist(List.of(userId));
            OrgMember member = OrgMember.join(orgId, userId, OrgRole.MEMBER, new MemberProfile(null, null,
                    department, null, null, null, null, null, null, null, Map.of(), null), world.now());
            if (status != MemberStatus.ACTIVE) {
                member.changeStatus(status, world.now());
            }
            world.orgMembers().save(member);
        });
        return userId;
    }
}
