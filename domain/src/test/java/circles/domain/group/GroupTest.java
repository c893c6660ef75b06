package circles.domain.group;

import circles.domain.Fixtures;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.Slug;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static circles.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupTest {
    private static final OrgId ORG = OrgId.random();

    private static Group.Draft draft(OrgId orgId, GroupType type, Slug slug, Instant expiresAt) {
        return new Group.Draft(orgId, new GroupDescription("Q4 Launch Team!", null, null, null, null), slug, type,
                null, null, orgId == null ? Visibility.PRIVATE : Visibility.ORGANIZATION, null, null, null, expiresAt);
    }

    @Test
    void new_group_is_active_static_version_zero_and_owned_by_its_creator() {
        Group group = Group.create(draft(ORG, GroupType.PROJECT, null, null), Fixtures.CREATOR, NOW);

        assertThat(group.status()).isEqualTo(GroupStatus.ACTIVE);
        assertThat(group.kind()).isEqualTo(GroupKind.STATIC);
        assertThat(group.version()).isZero();
        assertThat(group.ownerId()).isEqualTo(Fixtures.CREATOR);
        assertThat(group.createdAt()).isEqualTo(NOW);
        assertThat(group.settings()).isEqualTo(GroupSettings.DEFAULTS);
        assertThat(group.isStandalone()).isFalse();
        assertThat(group.orgId()).contains(ORG);
    }

    @Test
    void slug_is_derived_from_the_name_when_not_given() {
        Group group = Group.create(draft(ORG, GroupType.PROJECT, null, null), Fixtures.CREATOR, NOW);
        assertThat(group.slug()).isEqualTo(new Slug("q4-launch-team"));
    }

    @Test
    void a_chosen_slug_is_kept() {
        Group group = Group.create(draft(ORG, GroupType.PROJECT, new Slug("launch"), null), Fixtures.CREATOR, NOW);
        assertThat(group.slug()).isEqualTo(new Slug("launch"));
    }

    @Test
    void group_without_org_is_standalone() {
        Group group = Group.create(draft(null, GroupType.STANDALONE, null, null), Fixtures.CREATOR, NOW);
        assertThat(group.isStandalone()).isTrue();
        assertThat(group.orgId()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = GroupType.class, names = "STANDALONE", mode = EnumSource.Mode.EXCLUDE)
    void group_without_org_must_be_standalone(GroupType type) {
        assertThatThrownBy(() -> Group.create(draft(null, type, null, null), Fixtures.CREATOR, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("type"));
    }

    @Test
    void org_group_cannot_be_standalone() {
        assertThatThrownBy(() -> Group.create(draft(ORG, GroupType.STANDALONE, null, null), Fixtures.CREATOR, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("type"));
    }

    @Test
    void standalone_group_cannot_be_visible_to_an_organization() {
        Group.Draft base = draft(null, GroupType.STANDALONE, null, null);
        Group.Draft orgVisible = new Group.Draft(null, base.description(), null, GroupType.STANDALONE, null, null,
                Visibility.ORGANIZATION, null, null, null, null);
        assertThatThrownBy(() -> Group.create(orgVisible, Fixtures.CREATOR, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("visibility"));

        Group standalone = Fixtures.standalone(Visibility.PUBLIC);
        assertThatThrownBy(() -> standalone.changeVisibility(Visibility.ORGANIZATION, NOW))
                .isInstanceOf(RuleViolation.class);
        assertThat(standalone.visibility()).isEqualTo(Visibility.PUBLIC);
        standalone.changeVisibility(Visibility.PRIVATE, NOW);
        assertThat(standalone.visibility()).isEqualTo(Visibility.PRIVATE);
    }

    @Test
    void changing_the_type_keeps_the_type_consistent_with_the_scope() {
        Group orgGroup = Fixtures.orgGroup(ORG, Visibility.PUBLIC);
        Group standalone = Fixtures.standalone(Visibility.PUBLIC);

        orgGroup.changeType(GroupType.DEPARTMENT, NOW.plusSeconds(1));
        assertThat(orgGroup.type()).isEqualTo(GroupType.DEPARTMENT);
        assertThat(orgGroup.updatedAt()).isEqualTo(NOW.plusSeconds(1));

        assertThatThrownBy(() -> orgGroup.changeType(GroupType.STANDALONE, NOW)).isInstanceOf(RuleViolation.class);
        assertThat(orgGroup.type()).isEqualTo(GroupType.DEPARTMENT);
        assertThatThrownBy(() -> standalone.changeType(GroupType.PROJECT, NOW)).isInstanceOf(RuleViolation.class);
        assertThat(standalone.type()).isEqualTo(GroupType.STANDALONE);
    }

    @Test
    void restoring_an_inconsistent_type_is_refused_too() {
        assertThatThrownBy(() -> Group.restore(GroupId.random(), null,
                new GroupDescription("x", null, null, null, null), new Slug("x"), GroupType.CUSTOM, GroupKind.STATIC,
                null, Visibility.PRIVATE, UserId.of("u"), null, null, null, GroupStatus.ACTIVE, null, null, 3, NOW,
                NOW)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void expiry_must_lie_in_the_future_when_creating() {
        assertThatThrownBy(() -> Group.create(draft(ORG, GroupType.PROJECT, null, NOW), Fixtures.CREATOR, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("expiresAt"));
        assertThatCode(() -> Group.create(draft(ORG, GroupType.PROJECT, null, NOW.plusSeconds(1)), Fixtures.CREATOR,
                NOW)).doesNotThrowAnyException();
    }

    @Test
    void expiry_must_lie_in_the_future_when_changed() {
        Group group = Fixtures.orgGroup(ORG, Visibility.PUBLIC);
        assertThatThrownBy(() -> group.changeExpiry(NOW.minusSeconds(1), NOW)).isInstanceOf(RuleViolation.class);
        group.changeExpiry(null, NOW);
        assertThat(group.expiresAt()).isNull();
    }

    @Test
    void group_is_expired_from_the_moment_of_its_expiry() {
        Instant expiry = NOW.plus(Duration.ofDays(1));
        Group group = Group.create(draft(ORG, GroupType.PROJECT, null, expiry), Fixtures.CREATOR, NOW);

        assertThat(group.isExpiredAt(expiry.minusMillis(1))).isFalse();
        assertThat(group.isExpiredAt(expiry)).isTrue();
        assertThat(group.isExpiredAt(expiry.plusSeconds(60))).isTrue();
        assertThat(Fixtures.orgGroup(ORG, Visibility.PUBLIC).isExpiredAt(Instant.MAX)).isFalse();
    }

    @Test
    void archive_and_unarchive() {
        Group group = Fixtures.orgGroup(ORG, Visibility.PUBLIC);

        group.archive(NOW.plusSeconds(5));
        assertThat(group.status()).isEqualTo(GroupStatus.ARCHIVED);
        assertThat(group.updatedAt()).isEqualTo(NOW.plusSeconds(5));

        group.unarchive(NOW.plusSeconds(6));
        assertThat(group.status()).isEqualTo(GroupStatus.ACTIVE);
    }

    @Test
    void archived_group_refuses_changes_that_need_an_active_group() {
        Group group = Fixtures.orgGroup(ORG, Visibility.PUBLIC);
        assertThatCode(() -> group.requireActive("joining")).doesNotThrowAnyException();

        group.archive(NOW);

        assertThatThrownBy(() -> group.requireActive("joining"))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.code()).isEqualTo("group-archived"));
    }

    @Test
    void expired_group_cannot_be_unarchived_until_its_expiry_moves() {
        Instant expiry = NOW.plus(Duration.ofHours(1));
        Group group = Group.create(draft(ORG, GroupType.PROJECT, null, expiry), Fixtures.CREATOR, NOW);
        Instant later = expiry.plusSeconds(1);
        group.archive(later);

        assertThatThrownBy(() -> group.unarchive(later))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.code()).isEqualTo("group-expired"));
        assertThat(group.status()).isEqualTo(GroupStatus.ARCHIVED);

        group.changeExpiry(later.plus(Duration.ofDays(7)), later);
        group.unarchive(later);
        assertThat(group.status()).isEqualTo(GroupStatus.ACTIVE);
    }

    @Test
    void dynamic_group_refuses_static_operations() {
        Group dynamic = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION, GroupKind.DYNAMIC, null);
        Group fixed = Fixtures.orgGroup(ORG, Visibility.ORGANIZATION);

        assertThat(dynamic.isDynamic()).isTrue();
        assertThatCode(() -> fixed.requireStatic("adding members")).doesNotThrowAnyException();
        assertThatThrownBy(() -> dynamic.requireStatic("adding members"))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.code()).isEqualTo("dynamic-group-read-only");
                    assertThat(violation.getMessage()).contains("adding members");
                });
        assertThatThrownBy(() -> Membership.start(dynamic, UserId.of("u"),
                Membership.Terms.of(GroupRole.MEMBER, MembershipStatus.ACTIVE), null, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.code()).isEqualTo("dynamic-group-read-only"));
        assertThatThrownBy(() -> Assignment.assign(dynamic, "course", "c-1", UserId.of("u"), NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.code()).isEqualTo("dynamic-group-read-only"));
    }

    @Test
    void metadata_is_copied() {
        Group group = Fixtures.orgGroup(ORG, Visibility.PUBLIC);
        var metadata = new java.util.HashMap<String, Object>();
        metadata.put("cost", 3);
        group.changeMetadata(metadata, NOW);
        metadata.put("cost", 4);
        assertThat(group.metadata()).containsEntry("cost", 3);
        group.changeMetadata(null, NOW);
        assertThat(group.metadata()).isEmpty();
    }
}
