package circles.adapter.in.rest.http;

import circles.adapter.in.rest.problem.HttpProblem;
import circles.domain.shared.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entity tags: a versioned resource's tag is its version in quotes ({@code "3"}); a resource without a version
 * gets an opaque tag derived from its representation. {@code If-Match} takes one tag (a {@code W/} prefix is
 * ignored) or {@code *}.
 */
public final class ETags {
    public static final String IF_MATCH = "If-Match";
    /** A version no resource has: a well-formed tag that is not a version never matches. */
    private static final long NO_VERSION = -1;
    private static final Pattern TAG = Pattern.compile("(?:W/)?\"([\\x21\\x23-\\x7e\\x80-\\xff]*)\"");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** An opaque tag for a representation that carries no version. */
    public static String opaque(String representation) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(representation.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version {@code If-Match} expects; null when the header is absent or {@code *}. */
    public static Long expectedVersion(String ifMatch) {
        String tag = tagValue(ifMatch);
        if (tag == null) {
            return null;
        }
        return VERSION.matcher(tag).matches() ? Long.valueOf(tag) : NO_VERSION;
    }

    /** Fails with 412 unless {@code If-Match} is absent, {@code *}, or names {@code currentTag}. */
    public static void requireMatch(String ifMatch, String currentTag) {
        String tag = tagValue(ifMatch);
        if (tag != null && !currentTag.equals("\"" + tag + "\"")) {
            throw HttpProblem.preconditionFailed("The resource has changed (current ETag " + currentTag
                    + ", If-Match " + ifMatch.strip() + ").");
        }
    }

    /** The quoted part of the header's one tag, or null for absent or {@code *}; malformed is a 400. */
    private static String tagValue(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.equals("*")) {
            return null;
        }
        Matcher matcher = TAG.matcher(value);
        if (value.length() > 256 || !matcher.matches()) {
            throw new InvalidInput(IF_MATCH, "must be one entity tag such as \"3\" (optionally W/\"3\") or *");
        }
        return matcher.group(1);
    }
}
