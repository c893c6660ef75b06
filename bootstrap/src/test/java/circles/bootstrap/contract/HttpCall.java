package circles.bootstrap.contract;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One HTTP request, built independently of the caller so the same request can be played as every actor.
 * The path and query are sent exactly as given (already encoded); the body as raw bytes.
 */
record HttpCall(String method, String path, Map<String, String> query, String contentType, byte[] body,
                Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    /**
     * Bodies above this size are announced with {@code Expect: 100-continue}, as real clients do, so that a
     * server refusing them does not have to read them (and the client is not cut off while still writing).
     */
    private static final int LARGE_BODY_BYTES = 256 * 1024;

    static HttpCall of(String method, String path) {
        return new HttpCall(method, path, Map.of(), null, null, Map.of());
    }

    HttpCall withQuery(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(query);
        next.put(name, value);
        return new HttpCall(method, path, next, contentType, body, headers);
    }

    HttpCall withoutQuery(String name) {
        Map<String, String> next = new LinkedHashMap<>(query);
        next.remove(name);
        return new HttpCall(method, path, next, contentType, body, headers);
    }

    HttpCall withBody(String mediaType, String json) {
        return withBody(mediaType, json.getBytes(StandardCharsets.UTF_8));
    }

    HttpCall withBody(String mediaType, byte[] bytes) {
        return new HttpCall(method, path, query, mediaType, bytes, headers);
    }

    HttpCall withPath(String newPath) {
        return new HttpCall(method, newPath, query, contentType, body, headers);
    }

    HttpCall withHeader(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(headers);
        next.put(name, value);
        return new HttpCall(method, path, query, contentType, body, next);
    }

    String bodyText() {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    String target() {
        if (query.isEmpty()) {
            return path;
        }
        StringJoiner joined = new StringJoiner("&", path + "?", "");
        query.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        return joined.toString();
    }

    /** Sends the request with the given bearer token ({@code null}: no Authorization header). */
    Response send(String bearerToken) {
        RequestSpecification request = given()
                .config(body != null && body.length > LARGE_BODY_BYTES ? raw().httpClient(
                        HttpClientConfig.httpClientConfig().setParam("http.protocol.expect-continue", true)) : raw())
                .urlEncodingEnabled(false)
                .redirects().follow(false);
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        headers.forEach(request::header);
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (body != null) {
            request.body(body);
        }
        return request.request(method, target());
    }

    @Override
    public String toString() {
        return method + " " + target() + (contentType == null ? "" : " [" + contentType + "]");
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends bodies as given: no charset appended to the content type. */
    private static RestAssuredConfig raw() {
        return RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }
}
