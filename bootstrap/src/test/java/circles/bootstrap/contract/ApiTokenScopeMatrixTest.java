package circles.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import circles.bootstrap.contract.ContractDocument.Operation;
import circles.bootstrap.contract.PermissionMatrix.Row;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Plays every row of the permission matrix with an org API token of org A (scope {@code events:read}, issued by its
 * admin) instead of a signed-in user. An operation takes the token only if the contract lists one of its scopes in
 * the operation's {@code x-token-scopes} (and the code declares it with {@code @TokenScope}); every other operation
 * refuses it with 403 {@code token-scope-missing} before doing anything. A scope declared on one side only fails
 * here.
 */
@QuarkusTest
class ApiTokenScopeMatrixTest {
    private static final Set<String> TOKEN_SCOPES = Set.of("events:read");
    private static final String SCOPE_MISSING = "https://circles.dev/problems/token-scope-missing";

    @Test
    void every_operation_refuses_an_api_token_unless_it_declares_one_of_the_tokens_scopes() {
        Fixture fixture = Fixture.fresh();
        List<String> wrong = new ArrayList<>();
        for (Row row : PermissionMatrix.rows()) {
            Operation op = ContractDocument.load().require(row.operationId());
            Set<String> declared = declaredScopes(op);
            HttpCall call = OperationRequests.build(row.key(), fixture);
            Response response = call.send(fixture.apiTokenSecret);
            int status = response.statusCode();
            String type = response.contentType() != null && response.contentType().contains("json")
                    ? response.jsonPath().getString("type") : null;
            boolean accepted = declared.stream().anyMatch(TOKEN_SCOPES::contains);
            boolean refusedForScope = status == 403 && SCOPE_MISSING.equals(type);
            if (accepted ? status == 401 || status == 403 : !refusedForScope) {
                wrong.add(row.key() + " (" + call + ", x-token-scopes " + declared + ") answered " + status + " "
                        + Problems.abbreviate(response.asString()));
            }
        }
        assertThat(wrong).as("operations that treat an API token other than their x-token-scopes say").isEmpty();
    }

    private static Set<String> declaredScopes(Operation op) {
        Set<String> scopes = new TreeSet<>();
        JsonNode declared = op.node().path("x-token-scopes");
        declared.forEach(scope -> scopes.add(scope.asText()));
        return scopes;
    }
}
