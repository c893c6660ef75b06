package circles.domain.masterdata;

import circles.domain.shared.Require;
import circles.domain.shared.RuleViolation;

import java.util.regex.Pattern;

/**
 * The key of a master-data entry, unique per org and kind, and what member profiles store: lower-case letters,
 * digits, '-' and '_', starting and ending with a letter or digit, 1..100 characters. Keys never change.
 */
public record MasterDataKey(String value) implements Comparable<MasterDataKey> {
    public static final int MAX = 100;
    public static final Pattern FORMAT = Pattern.compile("[a-z0-9]([a-z0-9_-]*[a-z0-9])?");

    public MasterDataKey {
        Require.present(value, "key");
        if (!isValid(value)) {
            throw RuleViolation.invalidField("key", "must be 1-" + MAX
                    + " lower-case letters, digits, '-' and '_', starting and ending with a letter or digit");
        }
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX && FORMAT.matcher(value).matches();
    }

    public static MasterDataKey of(String value) {
        return new MasterDataKey(value);
    }

    @Override
    public int compareTo(MasterDataKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
