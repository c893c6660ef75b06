package circles.application.service.member;

import circles.application.InMemoryCircles;
import circles.application.port.in.member.AddOrgMemberUseCase;
import circles.application.port.in.member.UpdateOrgMemberUseCase;
import circles.domain.actor.UserId;
import circles.domain.directory.MemberChanged;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.ProfilePatch;
import circles.domain.shared.FieldError;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Profiles of org members: who changes what, the manager rules, and the change events. */
class MemberProfileServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final OrgId acme = circles.org("acme", "ana");

    private static ProfilePatch profile(Optional<String> department, Optional<UserId> manager) {
        return new ProfilePatch(null, null, department, null, null, manager, null, null, null, null, null, null);
    }

    private OrgMember patch(String userId, ProfilePatch patch) {
        return circles.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme, UserId.of(userId), null, null,
                null, patch));
    }

    private OrgMember manage(String userId, String managerId) {
        return patch(userId, profile(null, Optional.of(UserId.of(managerId))));
    }

    private static String fieldOf(Throwable failure) {
        return ((RuleViolation) failure).errors().stream().map(FieldError::field).findFirst().orElseThrow();
    }

    @Test
    void an_admin_changes_the_whole_profile_as_a_merge_patch() {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo");
        circles.as("ana");
        patch("bo", new ProfilePatch(Optional.of("bo@acme.example"), Optional.of("Bo"), Optional.of("engineering"),
                Optional.of("berlin"), Optional.of("engineer"), null, Optional.of("/engineering"),
                Optional.of("full_time"), Optional.of("cc-100"), Optional.of("staff"),
                new ProfilePatch.AttributeChanges(false, Map.of("team", "core", "shirt", "M"), Set.of()),
                Optional.of(Instant.parse("2026-03-01T08:00:00Z"))));

        OrgMember changed = patch("bo", new ProfilePatch(null, null, Optional.of("sales"), Optional.empty(), null,
                null, null, null, null, null, new ProfilePatch.AttributeChanges(false, Map.of(), Set.of("shirt")),
                null));

        MemberProfile profile = changed.profile();
        assertThat(profile.department()).isEqualTo("sales");
        assertThat(profile.location()).isNull();
        assertThat(profile.jobTitle()).isEqualTo("engineer");
        assertThat(profile.customAttributes()).isEqualTo(Map.of("team", "core"));
        assertThat(circles.orgMember(acme, "bo")).get().extracting(OrgMember::profile).isEqualTo(profile);
    }

    @Test
    void every_change_publishes_the_changed_fields_with_before_and_after() {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo");
        circles.as("ana");
        var mark = circles.directoryEvents.mark();

        patch("bo", profile(Optional.of("engineering"), null));
        circles.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme, UserId.of("bo"), null, OrgRole.IT_ADMIN,
                MemberStatus.SUSPENDED, ProfilePatch.displayName(Optional.of("Bo"))));

        assertThat(mark.changes()).hasSize(2);
        MemberChanged first = mark.changes().getFirst();
        assertThat(first.orgId()).isEqualTo(acme);
        assertThat(first.userId()).isEqualTo(UserId.of("bo"));
        assertThat(first.changedFields()).containsExactly("department");
        assertThat(first.before().profile().department()).isNull();
        assertThat(first.after().profile().department()).isEqualTo("engineering");
        assertThat(mark.changes().get(1).changedFields())
                .containsExactlyInAnyOrder("role", "status", "displayName");
        assertThat(mark.changes().get(1).after().role()).isEqualTo(OrgRole.IT_ADMIN);
    }

    @Test
    void a_patch_that_changes_nothing_publishes_nothing_and_keeps_the_version() {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo");
        circles.as("ana");
        long version = patch("bo", profile(Optional.of("engineering"), null)).version();
        var mark = circles.directoryEvents.mark();

        OrgMember same = patch("bo", profile(Optional.of("engineering"), null));

        assertThat(same.version()).isEqualTo(version);
        assertThat(mark.changes()).isEmpty();
    }

    @Test
    void arrivals_and_departures_are_published_and_a_departures_reports_lose_their_manager() {
        circles.as("ana");
        var mark = circles.directoryEvents.mark();
        circles.orgMembers.add(new AddOrgMemberUseCase.Command(acme, UserId.of("bo"), OrgRole.MEMBER,
                new MemberProfile("bo@acme.example", "Bo", "engineering", null, null, UserId.of("ana"), null, null,
                        null, null, Map.of(), null)));
        circles.orgMembers.add(new AddOrgMemberUseCase.Command(acme, UserId.of("cy"), OrgRole.MEMBER,
                new MemberProfile(null, null, null, null, null, UserId.of("bo"), null, null, null, null, Map.of(),
                        null)));

        circles.orgMembers.remove(acme, UserId.of("bo"));

        assertThat(mark.changes()).extracting(change -> change.userId().value())
                .containsExactly("bo", "cy", "cy", "bo");
        MemberChanged arrival = mark.changes().getFirst();
        assertThat(arrival.before()).isNull();
        assertThat(arrival.changedFields()).contains("role", "status", "email", "department", "managerId");
        assertThat(mark.changes().get(2).changedFields()).containsExactly("managerId");
        assertThat(mark.changes().get(3).after()).isNull();
        assertThat(circles.orgMember(acme, "cy")).get().extracting(member -> member.profile().managerId()).isNull();
    }

    @Test
    void creating_an_org_publishes_the_arrival_of_its_admins() {
        var mark = circles.directoryEvents.mark();

        OrgId globex = circles.org("globex", "gus", "gwen");

        assertThat(mark.changes()).extracting(change -> change.userId().value()).containsExactly("gus", "gwen");
        assertThat(mark.changes()).allSatisfy(change -> assertThat(change.orgId()).isEqualTo(globex));
    }

    @Test
    void the_manager_must_be_a_member_of_the_same_org() {
        OrgId globex = circles.org("globex", "gus");
        circles.joinOrg(acme, OrgRole.MEMBER, "bo");
        circles.as("ana");

        assertThatThrownBy(() -> manage("bo", "gus")).satisfies(failure -> {
            assertThat(((RuleViolation) failure).code()).isEqualTo("manager-not-a-member");
            assertThat(fieldOf(failure)).isEqualTo("managerId");
        });
        assertThatThrownBy(() -> manage("bo", "bo")).satisfies(failure ->
                assertThat(fieldOf(failure)).isEqualTo("managerId"));
        assertThatThrownBy(() -> circles.orgMembers.add(new AddOrgMemberUseCase.Command(acme, UserId.of("cy"),
                OrgRole.MEMBER, new MemberProfile(null, null, null, null, null, UserId.of("nobody"), null, null,
                null, null, Map.of(), null)))).isInstanceOf(RuleViolation.class);
        assertThat(circles.orgMember(acme, "cy")).isEmpty();
        assertThat(circles.orgMember(globex, "gus")).isPresent();
    }

    @Test
    void manager_cycles_are_refused_however_long() {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo", "cy", "dee");
        circles.as("ana");
        manage("bo", "ana");
        manage("cy", "bo");
        manage("dee", "cy");
        var mark = circles.directoryEvents.mark();

        assertThatThrownBy(() -> manage("ana", "dee")).isInstanceOfSatisfying(RuleViolation.class, violation -> {
            assertThat(violation.code()).isEqualTo("manager-cycle");
            assertThat(fieldOf(violation)).isEqualTo("managerId");
        });
        assertThatThrownBy(() -> manage("bo", "cy")).isInstanceOf(RuleViolation.class);
        assertThat(circles.orgMember(acme, "ana")).get().extracting(member -> member.profile().managerId()).isNull();
        assertThat(mark.changes()).isEmpty();

        manage("dee", "bo");
        manage("cy", "dee");
        assertThat(circles.orgMember(acme, "cy")).get().extracting(member -> member.profile().managerId())
                .isEqualTo(UserId.of("dee"));
    }

    @Test
    void a_member_changes_their_own_display_name_and_nothing_else() {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo", "cy");
        circles.as("bo");

        OrgMember renamed = patch("bo", ProfilePatch.displayName(Optional.of("Bo B.")));

        assertThat(renamed.profile().displayName()).isEqualTo("Bo B.");
        assertThatThrownBy(() -> patch("bo", profile(Optional.of("engineering"), null)))
                .isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> circles.orgMembers.update(new UpdateOrgMemberUseCase.Command(acme,
                UserId.of("bo"), null, OrgRole.ADMIN, null, ProfilePatch.NONE))).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> patch("cy", ProfilePatch.displayName(Optional.of("Cy"))))
                .isInstanceOf(NotAllowed.class);
        assertThat(circles.orgMember(acme, "cy")).get().extracting(member -> member.profile().displayName())
                .isNull();
    }

    @Test
    void an_it_admin_edits_profiles_of_admins_too() {
        circles.joinOrg(acme, OrgRole.IT_ADMIN, "ita");
        circles.as("ita");

        OrgMember ana = patch("ana", profile(Optional.of("board"), null));

        assertThat(ana.profile().department()).isEqualTo("board");
    }

    @Test
    void profile_changes_are_audited_by_field_name() {
        circles.joinOrg(acme, OrgRole.MEMBER, "bo");
        circles.as("ana");
        var mark = circles.auditMark();

        patch("bo", profile(Optional.of("engineering"), Optional.of(UserId.of("ana"))));

        assertThat(mark.events()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("org_member.updated");
            assertThat(event.summary()).containsEntry("profileFields", java.util.List.of("department", "managerId"));
        });
    }
}
