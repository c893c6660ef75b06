package circles.domain.org;

import circles.domain.actor.UserId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberProfileTest {

    private static MemberProfile withAttributes(Map<String, String> attributes) {
        return new MemberProfile(null, null, null, null, null, null, null, null, null, null, attributes, null);
    }

    private static void assertRejected(Runnable build, String field) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(RuleViolation.class, violation ->
                assertThat(violation.errors()).extracting(FieldError::field).containsExactly(field));
    }

    @Test
    void text_fields_are_trimmed_and_blank_means_none() {
        MemberProfile profile = new MemberProfile(" ana@example.org ", "  Ana ", " ", "berlin", null, null,
                "/engineering", "full_time", "cc-100", "staff", Map.of(), null);

        assertThat(profile.email()).isEqualTo("ana@example.org");
        assertThat(profile.displayName()).isEqualTo("Ana");
        assertThat(profile.department()).isNull();
        assertThat(profile.location()).isEqualTo("berlin");
    }

    @Test
    void custom_attributes_are_bounded_in_count_key_and_value() {
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < MemberProfile.CUSTOM_ATTRIBUTES_MAX; i++) {
            fifty.put("key_" + i, "v");
        }
        assertThat(withAttributes(fifty).customAttributes()).hasSize(50);

        Map<String, String> fiftyOne = new HashMap<>(fifty);
        fiftyOne.put("one.more", "v");
        assertRejected(() -> withAttributes(fiftyOne), "customAttributes");
        assertRejected(() -> withAttributes(Map.of("has space", "v")), "customAttributes");
        assertRejected(() -> withAttributes(Map.of("k".repeat(65), "v")), "customAttributes");
        assertRejected(() -> withAttributes(Map.of("shirt", "x".repeat(1025))), "customAttributes.shirt");
        assertThat(withAttributes(Map.of("Shirt-Size_2.0", "x".repeat(1024))).customAttributes()).hasSize(1);
    }

    @Test
    void email_user_type_and_org_unit_path_follow_their_formats() {
        assertRejected(() -> MemberProfile.named("not-an-email", null), "email");
        assertRejected(() -> new MemberProfile(null, null, null, null, null, null, null, null, null, "robot",
                Map.of(), null), "userType");
        assertRejected(() -> new MemberProfile(null, null, null, null, null, null, "engineering", null, null, null,
                Map.of(), null), "orgUnitPath");
        assertRejected(() -> new MemberProfile(null, null, "d".repeat(201), null, null, null, null, null, null,
                null, Map.of(), null), "department");
    }

    @Test
    void changed_fields_name_every_difference_by_wire_name_and_custom_attributes_by_key() {
        MemberProfile before = new MemberProfile("ana@example.org", "Ana", "engineering", "berlin", null, null,
                null, null, null, "staff", Map.of("team", "core", "shirt", "M"), null);
        MemberProfile after = new MemberProfile("ana@example.org", "Ana A.", "sales", "berlin", null,
                UserId.of("bo"), null, null, null, "staff", Map.of("team", "core", "desk", "4"),
                Instant.parse("2026-03-01T10:00:00Z"));

        assertThat(before.changedFields(after)).containsExactly("displayName", "department", "managerId",
                "lastLoginAt", "customAttributes.desk", "customAttributes.shirt");
        assertThat(after.changedFields(after)).isEmpty();
        assertThat(MemberProfile.named("ana@example.org", null).filledFields()).containsExactly("email");
    }
}
