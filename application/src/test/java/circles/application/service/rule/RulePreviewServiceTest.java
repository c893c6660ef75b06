package circles.application.service.rule;

import circles.application.DraftBuilder;
import circles.application.port.in.group.CreateGroupUseCase;
import circles.application.port.in.rule.PreviewRuleUseCase.Person;
import circles.application.port.in.rule.PreviewRuleUseCase.Preview;
import circles.application.port.in.rule.PreviewRuleUseCase.Query;
import circles.application.port.out.membership.MembershipHistory.Event;
import circles.application.port.out.shared.PageRequest;
import circles.application.service.dynamic.DynamicGroupsTestbed;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.group.GroupKind;
import circles.domain.group.GroupRole;
import circles.domain.group.GroupType;
import circles.domain.group.dynamic.OverrideKind;
import circles.domain.org.OrgId;
import circles.domain.shared.FieldError;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static circles.application.service.dynamic.DynamicGroupsTestbed.ADMIN;
import static circles.application.service.dynamic.DynamicGroupsTestbed.department;
import static circles.application.service.dynamic.DynamicGroupsTestbed.memberOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RulePreviewServiceTest {
    private final DynamicGroupsTestbed bed = new DynamicGroupsTestbed();

    @BeforeEach
    void org() {
        bed.member("bob", "backend");
        bed.member("carol", "sales");
        bed.member("dan", "backend");
        bed.member("erin", "sales");
        bed.member("fay", "marketing");
    }

    private Preview preview(Object rule, GroupId groupId, Integer limit) {
        return bed.previews.preview(new Query(bed.org, rule, groupId, limit));
    }

    private static List<String> ids(List<Person> people) {
        return people.stream().map(person -> person.userId().value()).toList();
    }

    @Test
    void without_a_group_the_count_and_the_first_page_come_from_the_set_based_query() {
        bed.circles.as(ADMIN);
        Preview preview = preview(Map.of("any", List.of(department("backend"), department("marketing"))), null, 2);

        assertThat(preview.count()).isEqualTo(3);
        assertThat(preview.items()).containsExactly(
                new Person(UserId.of("bob"), "Name of bob", "bob@acme.example"),
                new Person(UserId.of("dan"), "Name of dan", "dan@acme.example"));
        assertThat(preview.added()).isNull();
        assertThat(preview.removed()).isNull();
        assertThat(preview.unchanged()).isNull();
        assertThat(bed.ruleQuery.countCalls()).isEqualTo(1);
        assertThat(bed.ruleQuery.firstMembersCalls()).isEqualTo(1);
        assertThat(bed.ruleQuery.membersCalls()).isZero();
    }

    @Test
    void a_rule_the_store_cannot_answer_is_previewed_in_memory() {
        GroupId sales = bed.dynamicGroup("Sales", department("sales"));
        int calls = bed.ruleQuery.calls();

        bed.circles.as(ADMIN);
        Preview preview = preview(Map.of("any", List.of(memberOf(sales), department("marketing"))), null, null);

        assertThat(bed.ruleQuery.calls()).isEqualTo(calls);
        assertThat(preview.count()).isEqualTo(3);
        assertThat(ids(preview.items())).containsExactly("carol", "erin", "fay");
    }

    @Test
    void with_a_group_it_tells_what_saving_the_rule_would_change_with_the_overrides_applied() {
        GroupId groupId = bed.dynamicGroup("Backend", department("backend"));
        bed.override(groupId, "fay", OverrideKind.INCLUDE);
        bed.override(groupId, "carol", OverrideKind.EXCLUDE);
        bed.circles.as(ADMIN);
        bed.refresh(groupId);
        assertThat(bed.snapshot(groupId)).containsExactly("bob", "dan", "fay");
        Instant computed = bed.snapshots.lastComputedAt(groupId);
        List<Event> history = events(groupId);
        int audit = bed.circles.db.auditEvents().size();
        bed.circles.clock.advance(Duration.ofMinutes(1));

        Preview preview = preview(department("sales"), groupId, 1);

        assertThat(preview.count()).isEqualTo(2);
        assertThat(ids(preview.items())).containsExactly("erin");
        assertThat(preview.added().count()).isEqualTo(1);
        assertThat(preview.added().sample()).containsExactly(
                new Person(UserId.of("erin"), "Name of erin", "erin@acme.example"));
        assertThat(preview.removed().count()).isEqualTo(2);
        assertThat(ids(preview.removed().sample())).containsExactly("bob");
        assertThat(preview.unchanged()).isEqualTo(1);

        assertThat(bed.snapshot(groupId)).containsExactly("bob", "dan", "fay");
        assertThat(bed.snapshots.lastComputedAt(groupId)).isEqualTo(computed);
        assertThat(events(groupId)).isEqualTo(history);
        assertThat(bed.circles.db.auditEvents()).hasSize(audit);
        assertThat(bed.definitions.rule(groupId, bed.org)).get().satisfies(rule -> assertThat(rule)
                .containsEntry("field", "department").containsEntry("value", "backend"));
    }

    private List<Event> events(GroupId groupId) {
        return bed.snapshots.events(groupId, bed.org, null, new PageRequest(PageRequest.MAX_LIMIT, null)).items();
    }

    @Test
    void only_those_who_may_create_groups_preview_in_the_org_and_outsiders_do_not_see_it() {
        bed.circles.as("bob");
        assertThatThrownBy(() -> preview(department("sales"), null, null)).isInstanceOf(NotAllowed.class);
        bed.circles.as("stranger");
        assertThatThrownBy(() -> preview(department("sales"), null, null)).isInstanceOf(NotFound.class);
        bed.circles.org("other", "otto");
        bed.circles.as("otto");
        assertThatThrownBy(() -> preview(department("sales"), null, null)).isInstanceOf(NotFound.class);
        bed.circles.asPlatformAdmin("root");
        assertThat(preview(department("sales"), null, null).count()).isEqualTo(2);
    }

    @Test
    void with_a_group_only_org_admins_preview_and_only_dynamic_groups_of_the_org_count() {
        GroupId parent = bed.circles.group(DraftBuilder.named("Parent").in(bed.org)).id();
        bed.circles.addMember(parent, "bob", GroupRole.ADMIN);
        bed.circles.as("bob");
        assertThatThrownBy(() -> bed.groups.create(new CreateGroupUseCase.Command(DraftBuilder.named("Bob's")
                .in(bed.org).under(parent).type(GroupType.CUSTOM).kind(GroupKind.DYNAMIC).build(),
                department("backend"), null))).isInstanceOf(NotAllowed.class);
        bed.circles.as(ADMIN);
        GroupId backend = bed.groups.create(new CreateGroupUseCase.Command(DraftBuilder.named("Backend").in(bed.org)
                .under(parent).type(GroupType.CUSTOM).kind(GroupKind.DYNAMIC).build(), department("backend"), null))
                .group().id();
        assertThat(preview(department("sales"), backend, null).removed().count()).isEqualTo(2);

        bed.circles.as("bob");
        assertThatThrownBy(() -> preview(department("sales"), backend, null)).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> preview(department("sales"), null, null)).isInstanceOf(NotAllowed.class);

        bed.circles.as(ADMIN);
        assertThat(catchThrowableOfType(RuleViolation.class, () -> preview(department("sales"), parent, null))
                .code()).isEqualTo("group-not-dynamic");
        OrgId other = bed.circles.org("other", ADMIN);
        bed.circles.as(ADMIN);
        GroupId elsewhere = bed.groups.create(new CreateGroupUseCase.Command(DraftBuilder.named("Elsewhere")
                .in(other).type(GroupType.CUSTOM).kind(GroupKind.DYNAMIC).build(), department("sales"), null))
                .group().id();
        assertThatThrownBy(() -> preview(department("sales"), elsewhere, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> preview(department("sales"), GroupId.random(), null)).isInstanceOf(NotFound.class);
    }

    @Test
    void an_invalid_rule_is_refused_with_pointers_into_the_request() {
        bed.circles.as(ADMIN);
        RuleViolation refused = catchThrowableOfType(RuleViolation.class, () -> preview(Map.of("all", List.of(
                department("sales"), Map.of("criterion", "attribute", "field", "department", "operator", "equals",
                        "value", " "))), null, null));

        assertThat(refused.code()).isEqualTo("rule-invalid");
        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("/rule/all/1/value");
        RuleViolation empty = catchThrowableOfType(RuleViolation.class,
                () -> preview(Map.of("any", List.of()), null, null));
        assertThat(empty.errors()).extracting(FieldError::field).containsExactly("/rule/any");
    }

    @Test
    void member_of_must_name_a_group_of_the_org_and_must_not_close_a_cycle() {
        GroupId backend = bed.dynamicGroup("Backend", department("backend"));
        GroupId dependent = bed.dynamicGroup("Dependent", memberOf(backend));
        OrgId other = bed.circles.org("other", ADMIN);
        GroupId elsewhere = bed.circles.group(DraftBuilder.named("Elsewhere").in(other)).id();
        bed.circles.as(ADMIN);

        assertThat(preview(memberOf(dependent), null, null).count()).isEqualTo(2);
        for (var refused : List.of(
                catchThrowableOfType(RuleViolation.class, () -> preview(memberOf(elsewhere), null, null)),
                catchThrowableOfType(RuleViolation.class, () -> preview(memberOf(backend), backend, null)),
                catchThrowableOfType(RuleViolation.class, () -> preview(memberOf(dependent), backend, null)))) {
            assertThat(refused.errors()).extracting(FieldError::field).containsExactly("/rule");
        }
    }

    @Test
    void the_limit_is_20_by_default_and_at_most_100() {
        for (int i = 0; i < 25; i++) {
            bed.member("m" + (100 + i), "support");
        }
        bed.circles.as(ADMIN);
        assertThat(preview(department("support"), null, null).items()).hasSize(20);
        assertThat(preview(department("support"), null, 100).items()).hasSize(25);
        for (int limit : new int[] {0, 101}) {
            assertThat(catchThrowableOfType(RuleViolation.class, () -> new Query(bed.org, department("x"), null,
                    limit)).errors()).extracting(FieldError::field).containsExactly("limit");
        }
    }
}
