package circles.adapter.in.rest.apitoken;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.apitoken.IssueApiTokenUseCase;
import circles.domain.apitoken.ApiToken;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An API token just issued, with its secret: the only answer that ever carries it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IssuedApiTokenResponse(String id, String orgId, String name, List<String> scopes, String createdAt,
                                     String createdBy, String expiresAt, String lastUsedAt, String revokedAt,
                                     String token) {

    public static IssuedApiTokenResponse of(IssueApiTokenUseCase.IssuedApiToken issued) {
        ApiToken token = issued.token();
        return new IssuedApiTokenResponse(token.id().toString(), token.orgId().toString(), token.name(),
                ApiTokenResponse.scopes(token), Wire.time(token.createdAt()), Wire.text(token.createdBy()),
                Wire.time(token.expiresAt()), Wire.time(token.lastUsedAt()), Wire.time(token.revokedAt()),
                issued.secret());
    }
}
