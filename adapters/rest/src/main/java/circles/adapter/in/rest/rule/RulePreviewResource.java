package circles.adapter.in.rest.rule;

import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.Params;
import circles.application.port.in.rule.PreviewRuleUseCase;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.InvalidInput;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** What an unsaved rule would select, and with a group what saving it would change; nothing is stored. */
@Path("/v1/orgs/{orgId}/rules/preview")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RulePreviewResource {
    private final PreviewRuleUseCase previews;

    @Inject
    public RulePreviewResource(PreviewRuleUseCase previews) {
        this.previews = previews;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RulePreviewResponse preview(@PathParam("orgId") String orgId, String body) {
        OrgId org = Params.orgId(orgId);
        BodyObject request = JsonBodies.object(body);
        ObjectNode rule = request.tree("rule");
        if (rule == null) {
            throw new InvalidInput("rule", "is required");
        }
        UUID groupId = request.uuid("groupId");
        return RulePreviewResponse.of(previews.preview(new PreviewRuleUseCase.Query(org,
                JsonBodies.toMap(rule), groupId == null ? null : new GroupId(groupId), request.integer("limit"))));
    }
}
