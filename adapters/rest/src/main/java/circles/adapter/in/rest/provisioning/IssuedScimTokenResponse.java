package circles.adapter.in.rest.provisioning;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.provisioning.CreateScimTokenUseCase;
import circles.domain.provisioning.ScimToken;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A SCIM token just issued, with its secret: the only answer that ever carries it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IssuedScimTokenResponse(String id, String orgId, String name, String createdAt, String createdBy,
                                      String lastUsedAt, String expiresAt, String revokedAt, String token) {

    public static IssuedScimTokenResponse of(CreateScimTokenUseCase.IssuedScimToken issued) {
        ScimToken token = issued.token();
        return new IssuedScimTokenResponse(token.id().toString(), token.orgId().toString(), token.name(),
                Wire.time(token.createdAt()), Wire.text(token.createdBy()), Wire.time(token.lastUsedAt()),
                Wire.time(token.expiresAt()), Wire.time(token.revokedAt()), issued.secret());
    }
}
