package circles.adapter.in.rest.http;

/** The answer to a create: where the new resource lives and its representation. */
public record Created(String location, Object body) {
}
