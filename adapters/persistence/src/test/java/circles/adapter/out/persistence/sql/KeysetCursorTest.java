package circles.adapter.out.persistence.sql;

import circles.domain.shared.InvalidInput;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysetCursorTest {
    private static final String OLD = "old:" + secret('o');
    private static final String NEW = "new:" + secret('n');
    private static final String LIST = "groups\u0000name\u0000user-1";
    private static final String ID = "0b9ad6b4-4c2a-4d8b-9d55-3f3f2a4c1e10";

    @Test
    void a_cursor_gives_back_the_position_it_was_issued_for() {
        KeysetCursor.useKeys(CursorKeys.parse(NEW));

        KeysetCursor cursor = KeysetCursor.decode(KeysetCursor.encode(LIST, "alpha", ID), LIST);

        assertThat(cursor).isEqualTo(new KeysetCursor("alpha", ID));
    }

    @Test
    void a_cursor_of_another_list_or_caller_is_refused() {
        KeysetCursor.useKeys(CursorKeys.parse(NEW));
        String issued = KeysetCursor.encode(LIST, "alpha", ID);

        assertRefused(() -> KeysetCursor.decode(issued, "groups\u0000name\u0000user-2"));
        assertRefused(() -> KeysetCursor.decode(issued, "orgs"));
    }

    @Test
    void a_changed_or_hand_made_cursor_is_refused() {
        KeysetCursor.useKeys(CursorKeys.parse(NEW));
        String issued = KeysetCursor.encode(LIST, "alpha", ID);
        String position = issued.substring(0, issued.indexOf('.'));
        String signature = issued.substring(issued.indexOf('.') + 1);
        String probe = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("2\u0000new\u0000=zzz\u0000" + ID).getBytes(StandardCharsets.UTF_8));

        assertRefused(() -> KeysetCursor.decode(probe + "." + signature, LIST));
        assertRefused(() -> KeysetCursor.decode(position, LIST));
        assertRefused(() -> KeysetCursor.decode(position + "." + signature.substring(1), LIST));
        assertRefused(() -> KeysetCursor.decode("not a cursor", LIST));
    }

    @Test
    void an_earlier_key_still_verifies_until_it_is_dropped() {
        KeysetCursor.useKeys(CursorKeys.parse(OLD));
        String signedByOld = KeysetCursor.encode(LIST, "alpha", ID);

        KeysetCursor.useKeys(CursorKeys.parse(NEW + "," + OLD));
        assertThat(KeysetCursor.decode(signedByOld, LIST).sortKey()).isEqualTo("alpha");
        assertThat(KeysetCursor.encode(LIST, "alpha", ID)).isNotEqualTo(signedByOld);

        KeysetCursor.useKeys(CursorKeys.parse(NEW));
        assertRefused(() -> KeysetCursor.decode(signedByOld, LIST));
    }

    @Test
    void keys_that_are_short_unnamed_or_repeated_are_not_accepted() {
        assertThatThrownBy(() -> CursorKeys.parse("k:" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("shorter than 32 bytes");
        assertThatThrownBy(() -> CursorKeys.parse(secret('x'))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CursorKeys.parse(NEW + "," + NEW)).hasMessageContaining("twice");
        assertThatThrownBy(() -> CursorKeys.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable decode) {
        assertThatThrownBy(decode).isInstanceOfSatisfying(InvalidInput.class,
                refused -> assertThat(refused.code()).isEqualTo("invalid-cursor"));
    }

    private static String secret(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
    }
}
