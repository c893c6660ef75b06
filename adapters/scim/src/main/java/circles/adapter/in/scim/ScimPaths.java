package circles.adapter.in.scim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Resource ids as URL path segments. */
final class ScimPaths {
    private ScimPaths() {
    }

    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
