package circles.adapter.in.rest.provisioning;

import circles.adapter.in.rest.http.Wire;
import circles.domain.provisioning.ScimToken;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A SCIM token as listed: never its secret. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ScimTokenResponse(String id, String orgId, String name, String createdAt, String createdBy,
                                String lastUsedAt, String expiresAt, String revokedAt) {

    public static ScimTokenResponse of(ScimToken token) {
        return new ScimTokenResponse(token.id().toString(), token.orgId().toString(), token.name(),
                Wire.time(token.createdAt()), Wire.text(token.createdBy()), Wire.time(token.lastUsedAt()),
                Wire.time(token.expiresAt()), Wire.time(token.revokedAt()));
    }
}
