package circles.adapter.in.rest.http;

import circles.domain.shared.FieldError;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the parts of a raw request target (path and query as sent) that do not decode to UTF-8 text. The usual
 * decoding of parameters replaces such bytes (e.g. {@code %C3%28}) with U+FFFD, so a value would silently differ
 * from what was sent; the service refuses it instead.
 */
public final class PercentDecoding {
    /** What a refused part is told. */
    public static final String REFUSAL = "is not valid UTF-8 once percent-decoded";

    private PercentDecoding() {
    }

    /** One error for the path ({@code path}) and one per query parameter whose name or value is not UTF-8. */
    public static List<FieldError> invalidUtf8(String rawPath, String rawQuery) {
        List<FieldError> errors = new ArrayList<>();
        if (rawPath != null && !isUtf8(rawPath)) {
            errors.add(new FieldError("path", REFUSAL));
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                if (!isUtf8(name) || !isUtf8(value)) {
                    errors.add(new FieldError(isUtf8(name) ? lenient(name) : "query", REFUSAL));
                }
            }
        }
        return errors;
    }

    /** Whether the percent-decoded bytes of {@code raw} are UTF-8; a '%' without two hex digits stays as it is. */
    static boolean isUtf8(String raw) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes(raw)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String lenient(String raw) {
        return new String(bytes(raw), StandardCharsets.UTF_8).replace('+', ' ');
    }

    /** The bytes {@code raw} stands for: each escape is its byte, each other character the byte it arrived as. */
    private static byte[] bytes(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                out.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c & 0xFF);
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
