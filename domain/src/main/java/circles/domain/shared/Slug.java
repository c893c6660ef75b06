package circles.domain.shared;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL-friendly identifier: lower-case letters, digits and single dashes, 1..100 characters. */
public record Slug(String value) {
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    public static final int MAX = 100;

    public Slug {
        Require.present(value, "slug");
        if (value.length() > MAX || !FORMAT.matcher(value).matches()) {
            throw RuleViolation.invalidField("slug",
                    "must be 1-" + MAX + " lower-case letters, digits and single dashes");
        }
    }

    /** Derives a slug from a display name ("Q4 Launch Team!" becomes "q4-launch-team"). */
    public static Slug fromName(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.isEmpty()) {
            slug = "group";
        }
        if (slug.length() > MAX) {
            slug = slug.substring(0, MAX).replaceAll("-$", "");
        }
        return new Slug(slug);
    }

    @Override
    public String toString() {
        return value;
    }
}
