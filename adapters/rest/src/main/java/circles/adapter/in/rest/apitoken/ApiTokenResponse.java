package circles.adapter.in.rest.apitoken;

import circles.adapter.in.rest.http.Wire;
import circles.domain.apitoken.ApiToken;
import circles.domain.apitoken.ApiTokenScope;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An API token as listed or read: never its secret. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiTokenResponse(String id, String orgId, String name, List<String> scopes, String createdAt,
                               String createdBy, String expiresAt, String lastUsedAt, String revokedAt) {

    public static ApiTokenResponse of(ApiToken token) {
        return new ApiTokenResponse(token.id().toString(), token.orgId().toString(), token.name(), scopes(token),
                Wire.time(token.createdAt()), Wire.text(token.createdBy()), Wire.time(token.expiresAt()),
                Wire.time(token.lastUsedAt()), Wire.time(token.revokedAt()));
    }

    static List<String> scopes(ApiToken token) {
        return token.scopes().stream().map(ApiTokenScope::wire).sorted().toList();
    }
}
