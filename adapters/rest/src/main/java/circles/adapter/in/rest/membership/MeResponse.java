package circles.adapter.in.rest.membership;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.membership.GetMeUseCase;
import circles.domain.actor.Actor;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Comparator;
import java.util.List;

/** The caller: who their token says they are, and their orgs in Circles. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MeResponse(String userId, String name, String email, boolean platformAdmin, List<String> roles,
                         List<OrgRole> orgs) {

    public record OrgRole(String orgId, String name, String slug, String role) {
    }

    public static MeResponse of(GetMeUseCase.Me me) {
        Actor actor = me.actor();
        return new MeResponse(actor.userId().value(), actor.name(), actor.email(), actor.isPlatformAdmin(),
                actor.roles().stream().sorted().toList(),
                me.orgs().stream()
                        .map(org -> new OrgRole(org.orgId().toString(), org.name(), org.slug(), Wire.name(org.role())))
                        .sorted(Comparator.comparing(OrgRole::slug))
                        .toList());
    }
}
