package circles.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import circles.bootstrap.contract.ContractDocument.Operation;
import circles.bootstrap.contract.PermissionMatrix.Row;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plays every cell of {@code contract/permission-matrix.csv}: each operation of the contract, sent with a
 * valid request by each kind of caller, answers the expected status. Reads share one fixture; a call that
 * may change something gets a fixture no accepted change has touched (a refused request changes nothing, so
 * a fixture is handed on until a request on it is accepted).
 */
@QuarkusTest
class PermissionMatrixTest {

    private static Fixture readOnly;
    private static Fixture unchanged;

    static Stream<Arguments> cells() {
        return PermissionMatrix.rows().stream().flatMap(row -> Arrays.stream(Actor.values())
                .map(actor -> Arguments.of(row.key(), actor.column(), row.expected().get(actor))));
    }

    @ParameterizedTest(name = "{0} as {1} answers {2}")
    @MethodSource("cells")
    void each_caller_gets_the_status_of_the_matrix(String rowKey, String column, int expected) {
        Row row = PermissionMatrix.row(rowKey);
        Actor actor = Actor.ofColumn(column);
        Fixture fixture = row.mutates() ? unchanged() : readOnly();
        HttpCall call = OperationRequests.build(rowKey, fixture);

        Response response = call.send(fixture.tokenOf(actor));
        if (row.mutates()) {
            keepIfRefused(fixture, response.statusCode());
        }

        assertThat(response.statusCode())
                .as("%s as %s: %s %s answered %s", rowKey, column, call,
                        call.bodyText() == null ? "" : call.bodyText(), Problems.abbreviate(response.asString()))
                .isEqualTo(expected);
    }

    @Test
    void every_operation_of_the_contract_has_a_row() {
        ContractDocument contract = ContractDocument.load();
        Set<String> rowKeys = PermissionMatrix.rows().stream().map(Row::key).collect(Collectors.toSet());
        List<String> missing = contract.operations().stream()
                .filter(op -> !rowKeys.contains(op.id()))
                .map(Operation::display)
                .toList();

        assertThat(missing).as("operations of openapi.yaml without a row in %s", PermissionMatrix.RESOURCE)
                .isEmpty();
    }

    @Test
    void every_row_names_an_operation_of_the_contract_once_with_its_method_and_path() {
        ContractDocument contract = ContractDocument.load();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Row row : PermissionMatrix.rows()) {
            if (!seen.add(row.key())) {
                problems.add("line " + row.line() + ": " + row.key() + " appears twice");
            }
            var op = contract.operation(row.operationId());
            if (op.isEmpty()) {
                problems.add("line " + row.line() + ": openapi.yaml has no operation " + row.operationId());
                continue;
            }
            if (!op.get().method().equals(row.method()) || !op.get().path().equals(row.path())) {
                problems.add("line " + row.line() + ": " + row.key() + " is " + row.method() + " " + row.path()
                        + " here but " + op.get().method() + " " + op.get().path() + " in openapi.yaml");
            }
            if (!row.key().equals(row.operationId()) && !OperationRequests.VARIANTS.contains(row.key())) {
                problems.add("line " + row.line() + ": no request is defined for the variant " + row.key());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void another_orgs_resources_answer_404_never_403() {
        List<String> leaks = new ArrayList<>();
        for (Row row : PermissionMatrix.rows()) {
            boolean orgScoped = row.path().contains("{orgId}") || row.path().contains("{groupId}")
                    || row.operationId().equals("createGroup");
            for (Actor stranger : List.of(Actor.OUTSIDER, Actor.OTHER_ORG_ADMIN)) {
                int cell = row.expected().get(stranger);
                if (orgScoped && cell != 404) {
                    leaks.add(row.key() + " / " + stranger.column() + " = " + cell);
                }
            }
        }
        assertThat(leaks).as("cells of the matrix where a caller outside org A could learn that its resource exists")
                .isEmpty();
    }

    @Test
    void listing_another_orgs_groups_shows_nothing() {
        Fixture fixture = readOnly();
        for (Actor stranger : List.of(Actor.OUTSIDER, Actor.OTHER_ORG_ADMIN)) {
            Response response = HttpCall.of("GET", "/v1/groups").withQuery("orgId", fixture.orgA)
                    .send(fixture.tokenOf(stranger));

            assertThat(response.statusCode()).as("GET /v1/groups?orgId=A as %s: %s", stranger.column(),
                    Problems.abbreviate(response.asString())).isEqualTo(200);
            assertThat(response.jsonPath().getList("items")).as("groups of org A shown to %s", stranger.column())
                    .isEmpty();
        }
    }

    @Test
    void private_groups_are_invisible_to_non_members_outside_org_admins() {
        Fixture fixture = Fixture.freshWithPrivateGroup();
        Map<Actor, Integer> expected = new EnumMap<>(Actor.class);
        for (Actor actor : Actor.values()) {
            expected.put(actor, switch (actor) {
                case PLATFORM_ADMIN, ORG_ADMIN, IT_ADMIN -> 200;
                default -> 404;
            });
        }
        List<String> wrong = new ArrayList<>();
        for (String path : List.of("/v1/groups/" + fixture.privateGroupP,
                "/v1/groups/" + fixture.privateGroupP + "/members",
                "/v1/groups/" + fixture.privateGroupP + "/hierarchy",
                "/v1/groups/" + fixture.privateGroupP + "/assignments")) {
            for (Actor actor : Actor.values()) {
                int status = HttpCall.of("GET", path).send(fixture.tokenOf(actor)).statusCode();
                if (status != expected.get(actor)) {
                    wrong.add("GET " + path + " as " + actor.column() + ": expected " + expected.get(actor)
                            + ", got " + status);
                }
            }
            int asMember = HttpCall.of("GET", path).send(Fixture.token(fixture.subjectA)).statusCode();
            if (asMember != 200) {
                wrong.add("GET " + path + " as a member of the private group: expected 200, got " + asMember);
            }
        }
        for (Actor actor : Actor.values()) {
            Response list = HttpCall.of("GET", "/v1/groups").withQuery("orgId", fixture.orgA)
                    .withQuery("limit", "500").send(fixture.tokenOf(actor));
            if (list.statusCode() != 200) {
                wrong.add("GET /v1/groups?orgId=A as " + actor.column() + ": expected 200, got " + list.statusCode());
                continue;
            }
            boolean listed = list.jsonPath().getList("items.id", String.class).contains(fixture.privateGroupP);
            if (listed != (expected.get(actor) == 200)) {
                wrong.add("GET /v1/groups?orgId=A as " + actor.column() + (listed ? " lists" : " does not list")
                        + " the private group");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void plain_members_read_their_own_memberships() {
        Fixture fixture = readOnly();
        List<String> wrong = new ArrayList<>();
        for (String self : List.of(fixture.memberA, fixture.ownerA, fixture.moderatorA, fixture.subjectA)) {
            for (String suffix : List.of("", "/groups", "/assignments", "/reviewers")) {
                String path = "/v1/orgs/" + fixture.orgA + "/members/" + self + suffix;
                Response response = HttpCall.of("GET", path).send(Fixture.token(self));
                if (response.statusCode() != 200) {
                    wrong.add("GET " + path + " by that member: expected 200, got " + response.statusCode() + " "
                            + Problems.abbreviate(response.asString()));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void refusals_are_problem_documents() {
        Fixture fixture = readOnly();
        Map<String, Response> refusals = Map.of(
                "403 (PATCH group as a plain org member)", OperationRequests.build("updateGroup", fixture)
                        .send(fixture.tokenOf(Actor.ORG_MEMBER)),
                "404 (GET group as another org's admin)", OperationRequests.build("getGroup", fixture)
                        .send(fixture.tokenOf(Actor.OTHER_ORG_ADMIN)),
                "403 (POST org as an org admin)", OperationRequests.build("createOrg", fixture)
                        .send(fixture.tokenOf(Actor.ORG_ADMIN)));
        Set<String> defects = new TreeSet<>();
        refusals.forEach((what, response) -> Problems.defects(response)
                .forEach(defect -> defects.add(what + " [" + response.statusCode() + "]: " + defect)));

        assertThat(defects).isEmpty();
    }

    private static synchronized Fixture unchanged() {
        Fixture fixture = unchanged;
        unchanged = null;
        return fixture != null ? fixture : Fixture.fresh();
    }

    private static synchronized void keepIfRefused(Fixture fixture, int status) {
        if (status >= 400 && status < 500) {
            unchanged = fixture;
        }
    }

    private static synchronized Fixture readOnly() {
        if (readOnly == null) {
            readOnly = Fixture.fresh();
        }
        return readOnly;
    }
}
