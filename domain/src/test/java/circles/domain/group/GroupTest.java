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
    void newGroupIsActiveStaticVersionZeroAndOwnedByItsCreator() {
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
    void slugIsDerivedFromTheNameWhenNotGiven() {
        Group group = Group.create(draft(ORG, GroupType.PROJECT, null, null), Fixtures.CREATOR, NOW);
        assertThat(group.slug()).isEqualTo(new Slug("q4-launch-team"));
    }

    @Test
    void aChosenSlugIsKept() {
        Group group = Group.create(draft(ORG, GroupType.PROJECT, new Slug("launch"), null), Fixtures.CREATOR, NOW);
        assertThat(group.slug()).isEqualTo(new Slug("launch"));
    }

    @Test
    void groupWithoutOrgIsStandalone() {
        Group group = Group.create(draft(null, GroupType.STANDALONE, null, null), Fixtures.CREATOR, NOW);
        assertThat(group.isStandalone()).isTrue();
        assertThat(group.orgId()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = GroupType.class, names = "STANDALONE", mode = EnumSource.Mode.EXCLUDE)
    void groupWithoutOrgMustBeStandalone(GroupType type) {
        assertThatThrownBy(() -> Group.create(draft(null, type, null, null), Fixtures.CREATOR, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("type"));
    }

    @Test
    void orgGroupCannotBeStandalone() {
        assertThatThrownBy(() -> Group.create(draft(ORG, GroupType.STANDALONE, null, null), Fixtures.CREATOR, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("type"));
    }

    @Test
    void standaloneGroupCannotBeVisibleToAnOrganization() {
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
    void changingTheTypeKeepsTheTypeConsistentWithTheScope() {
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
    void restoringAnInconsistentTypeIsRefusedToo() {
        assertThatThrownBy(() -> Group.restore(GroupId.random(), null,
                new GroupDescription("x", null, null, null, null), new Slug("x"), GroupType.CUSTOM, GroupKind.STATIC,
                null, Visibility.PRIVATE, UserId.of("u"), null, null, null, GroupStatus.ACTIVE, null, null, 3, NOW,
                NOW)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void expiryMustLieInTheFutureWhenCreating() {
        assertThatThrownBy(() -> Group.create(draft(ORG, GroupType.PROJECT, null, NOW), Fixtures.CREATOR, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.errors()).extracting(FieldError::field).containsExactly("expiresAt"));
        assertThatCode(() -> Group.create(draft(ORG, GroupType.PROJECT, null, NOW.plusSeconds(1)), Fixtures.CREATOR,
                NOW)).doesNotThrowAnyException();
    }

    @Test
    void expiryMustLieInTheFutureWhenChanged() {
        Group group = Fixtures.orgGroup(ORG, Visibility.PUBLIC);
        assertThatThrownBy(() -> group.changeExpiry(NOW.minusSeconds(1), NOW)).isInstanceOf(RuleViolation.class);
        group.changeExpiry(null, NOW);
        assertThat(group.expiresAt()).isNull();
    }

    @Test
    void groupIsExpiredFromTheMomentOfItsExpiry() {
        Instant expiry = NOW.plus(Duration.ofDays(1));
        Group group = Group.create(draft(ORG, GroupType.PROJECT, null, expiry), Fixtures.CREATOR, NOW);

        assertThat(group.isExpiredAt(expiry.minusMillis(1))).isFalse();
        assertThat(group.isExpiredAt(expiry)).isTrue();
        assertThat(group.isExpiredAt(expiry.plusSeconds(60))).isTrue();
        assertThat(Fixtures.orgGroup(ORG, Visibility.PUBLIC).isExpiredAt(Instant.MAX)).isFalse();
    }

    @Test
    void archiveAndUnarchive() {
        Group group = Fixtures.orgGroup(ORG, Visibility.PUBLIC);

        group.archive(NOW.plusSeconds(5));
        assertThat(group.status()).isEqualTo(GroupStatus.ARCHIVED);
        assertThat(group.updatedAt()).isEqualTo(NOW.plusSeconds(5));

        group.unarchive(NOW.plusSeconds(6));
        assertThat(group.status()).isEqualTo(GroupStatus.ACTIVE);
    }

    @Test
    void archivedGroupRefusesChangesThatNeedAnActiveGroup() {
        Group group = Fixtures.orgGroup(ORG, Visibility.PUBLIC);
        assertThatCode(() -> group.requireActive("joining")).doesNotThrowAnyException();

        group.archive(NOW);

        assertThatThrownBy(() -> group.requireActive("joining"))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.code()).isEqualTo("group-archived"));
    }

    @Test
    void expiredGroupCannotBeUnarchivedUntilItsExpiryMoves() {
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
    void dynamicGroupRefusesStaticOperations() {
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
    void metadataIsCopied() {
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
