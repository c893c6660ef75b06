package circles.adapter.in.rest.http;

/**
 * A JSON body already written, with its entity tag: what a {@link ConditionalGet} answer kept in memory is served
 * from, without writing it or hashing it again.
 */
public record PreparedBody(byte[] json, String tag) {

    /** The body and tag of {@code json}, as {@link ConditionalGetFilter} would compute them. */
    public static PreparedBody of(byte[] json) {
        return new PreparedBody(json, ConditionalGetFilter.tagOf(json));
    }
}
