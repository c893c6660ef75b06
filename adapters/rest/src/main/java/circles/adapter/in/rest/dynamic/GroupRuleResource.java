package circles.adapter.in.rest.dynamic;

import circles.adapter.in.rest.http.BodyObject;
import circles.adapter.in.rest.http.ETags;
import circles.adapter.in.rest.http.JsonBodies;
import circles.adapter.in.rest.http.Params;
import circles.adapter.in.rest.http.Responses;
import circles.application.port.in.dynamic.GroupRuleUseCase;
import circles.domain.shared.InvalidInput;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The rule of a dynamic group; its ETag is the group's version. */
@Path("/v1/groups/{groupId}/rule")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GroupRuleResource {
    private final GroupRuleUseCase rules;

    @Inject
    public GroupRuleResource(GroupRuleUseCase rules) {
        this.rules = rules;
    }

    @GET
    public Response get(@PathParam("groupId") String groupId) {
        return tagged(rules.rule(Params.groupId(groupId)));
    }

    /** Replaces the rule (and, when given, the schedule) and re-evaluates the group at once. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("groupId") String groupId, @HeaderParam(ETags.IF_MATCH) String ifMatch,
                            String body) {
        Long expected = ETags.expectedVersion(ifMatch);
        BodyObject request = JsonBodies.object(body);
        ObjectNode rule = request.tree("rule");
        if (rule == null) {
            throw new InvalidInput("rule", "is required");
        }
        return tagged(rules.replace(new GroupRuleUseCase.ReplaceRule(Params.groupId(groupId), expected,
                JsonBodies.toMap(rule), request.integer("refreshIntervalMinutes"))));
    }

    private static Response tagged(GroupRuleUseCase.RuleView view) {
        return Responses.ok(GroupRuleResponse.of(view), view.version());
    }
}
