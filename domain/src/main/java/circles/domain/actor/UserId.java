package circles.domain.actor;

import circles.domain.shared.Require;

import java.util.regex.Pattern;

/** A person, known by the OIDC subject of their tokens. Global across orgs. */
public record UserId(String value) implements Comparable<UserId> {
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}\\s][^\\p{Cntrl}]*");

    public UserId {
        value = Require.text(value, "userId", 255);
        Require.matching(value, PRINTABLE, "userId", "must be printable text");
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
