package circles.bootstrap.contract;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A valid request for every operation of the contract against a {@link Fixture}: the path parameters name
 * org A, group G, G's assignment and the user {@code subject}; bodies are small and valid. Operations that only
 * dynamic groups take name the dynamic group D instead of G. A row key is an
 * operationId, optionally followed by {@code #variant} for a second request to the same operation.
 */
final class OperationRequests {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    /** Variant rows of the matrix, each a second, differently shaped request to one operation. */
    static final Set<String> VARIANTS = Set.of("addOrgMember#adminRole", "updateOrgMember#toAdmin",
            "updateOrgMember#profile",
            "addGroupMembers#adminRole");

    /** Operations that only dynamic groups take: their {groupId} is the fixture's dynamic group D. */
    static final Set<String> DYNAMIC_ONLY = Set.of("getGroupRule", "replaceGroupRule", "refreshGroup",
            "explainGroupMember", "listGroupOverrides", "createGroupOverride", "getGroupOverride",
            "deleteGroupOverride", "getGroupEvaluation", "listGroupMembershipEvents");

    private OperationRequests() {
    }

    static String operationIdOf(String rowKey) {
        int hash = rowKey.indexOf('#');
        return hash < 0 ? rowKey : rowKey.substring(0, hash);
    }

    /** The request of a row, with path parameters bound to the fixture. */
    static HttpCall build(String rowKey, Fixture f) {
        ContractDocument.Operation op = ContractDocument.load().require(operationIdOf(rowKey));
        // Master-data entries are made for a fixture when a request first names one ({key}).
        String path = op.path().contains("{key}")
                ? op.path().replace("{key}", HttpCall.encode(f.masterDataKey(op.path()))) : op.path();
        // The override entry of D is made for a fixture when a request first names one ({overrideId}).
        path = path.contains("{overrideId}") ? path.replace("{overrideId}", f.overrideOfD()) : path;
        HttpCall call = HttpCall.of(op.method(), bind(path, Map.of(
                "orgId", f.orgA,
                "groupId", DYNAMIC_ONLY.contains(operationIdOf(rowKey)) ? f.dynamicGroupD() : f.groupG,
                "userId", f.subjectA,
                "assignmentId", f.assignmentId,
                "tokenId", op.path().contains("/api-tokens/") ? f.apiTokenId : f.scimTokenId,
                "webhookId", f.webhookId,
                "deliveryId", f.webhookDeliveryId)));
        int n = UNIQUE.incrementAndGet();
        return switch (rowKey) {
            case "createOrg" -> call.withBody(HttpCall.JSON, """
                    {"name": "Created %1$s %2$d", "slug": "created-%1$s-%2$d", "adminUserIds": []}"""
                    .formatted(f.tag, n));
            case "updateOrg" -> call.withBody(HttpCall.MERGE_PATCH, """
                    {"name": "Renamed %s %d"}""".formatted(f.tag, n));
            case "addOrgMember" -> call.withBody(HttpCall.JSON, """
                    {"userId": "ma-%s-new-%d", "role": "member"}""".formatted(f.tag, n));
            case "addOrgMember#adminRole" -> call.withBody(HttpCall.JSON, """
                    {"userId": "ma-%s-new-%d", "role": "admin"}""".formatted(f.tag, n));
            case "updateOrgMember" -> call.withBody(HttpCall.MERGE_PATCH, """
                    {"status": "suspended"}""");
            case "updateOrgMember#toAdmin" -> call.withBody(HttpCall.MERGE_PATCH, """
                    {"role": "admin"}""");
            case "updateOrgMember#profile" -> call.withBody(HttpCall.MERGE_PATCH, """
                    {"department": "engineering-%d", "managerId": "%s", "customAttributes": {"team": "core"}}"""
                    .formatted(n, f.adminA));
            case "createDepartment", "createLocation", "createCostCenter", "createJobTitle" ->
                    call.withBody(HttpCall.JSON, """
                            {"key": "made-%1$d", "name": "Made %1$d"}""".formatted(n));
            case "updateDepartment", "updateLocation", "updateCostCenter", "updateJobTitle" ->
                    call.withBody(HttpCall.MERGE_PATCH, """
                            {"name": "Renamed %d"}""".formatted(n));
            case "importMembers" -> call.withQuery("mode", "atomic").withBody(HttpCall.JSON, """
                    [{"userId": "ma-%s-imported-%d", "email": "imported-%d@example.org", "role": "member"}]"""
                    .formatted(f.tag, n, n));
            case "listGroups" -> call.withQuery("orgId", f.orgA);
            case "createGroup" -> call.withBody(HttpCall.JSON, """
                    {"orgId": "%s", "name": "Made %d", "type": "project", "visibility": "organization"}"""
                    .formatted(f.orgA, n));
            case "replaceGroupRule" -> call.withBody(HttpCall.JSON, """
                    {"rule": {"criterion": "all_members"}}""");
            case "previewRule" -> call.withBody(HttpCall.JSON, """
                    {"rule": {"criterion": "attribute", "field": "department", "operator": "is_not_empty"},
                     "groupId": "%s", "limit": 5}""".formatted(f.dynamicGroupD()));
            case "updateGroup" -> call.withBody(HttpCall.MERGE_PATCH, """
                    {"description": "Changed %d"}""".formatted(n));
            case "addGroupMembers" -> call.withBody(HttpCall.JSON, """
                    [{"userId": "%s", "role": "member"}]""".formatted(f.spareA));
            case "addGroupMembers#adminRole" -> call.withBody(HttpCall.JSON, """
                    [{"userId": "%s", "role": "admin"}]""".formatted(f.spareA));
            case "updateGroupMember" -> call.withBody(HttpCall.MERGE_PATCH, """
                    {"status": "suspended"}""");
            case "createScimToken" -> call.withBody(HttpCall.JSON, """
                    {"name": "Provisioning %d"}""".formatted(n));
            case "createApiToken" -> call.withBody(HttpCall.JSON, """
                    {"name": "Feed reader %d", "scopes": ["events:read"]}""".formatted(n));
            case "createWebhook" -> call.withBody(HttpCall.JSON, """
                    {"url": "http://127.0.0.1:9/made-%d", "eventTypes": ["circles.group.member.added"]}"""
                    .formatted(n));
            case "replayWebhookDeliveries" -> call.withBody(HttpCall.JSON, """
                    {"since": "%s"}""".formatted(java.time.Instant.now().minusSeconds(3600)));
            case "updateWebhook" -> call.withBody(HttpCall.MERGE_PATCH, """
                    {"description": "Changed %d"}""".formatted(n));
            case "createGroupOverride" -> call.withBody(HttpCall.JSON, """
                    {"userId": "%s", "kind": "include", "reason": "Covers request %d"}""".formatted(f.spareA, n));
            case "addAssignment" -> call.withBody(HttpCall.JSON, """
                    {"resourceType": "course", "resourceId": "course-new-%d"}""".formatted(n));
            case "ingestActivityEvents" -> call.withBody(HttpCall.JSON, """
                    [{"eventId": "contract-%1$s-%2$d", "userId": "%3$s", "type": "lesson_progress",
                      "occurredAt": "%4$s", "quantity": 2}]"""
                    .formatted(f.tag, n, f.subjectA, java.time.Instant.now().minusSeconds(60)));
            // No body: re-seeds org A, which has its five default groups (so nothing is created).
            case "seedDefaultGroups" -> call;
            default -> {
                if (op.takesBody()) {
                    throw new IllegalStateException("No request body is defined for " + rowKey
                            + "; add one to OperationRequests");
                }
                if (!rowKey.equals(op.id())) {
                    throw new IllegalStateException("Unknown variant " + rowKey);
                }
                yield call;
            }
        };
    }

    /** Fills a path template; every placeholder must be bound. */
    static String bind(String template, Map<String, String> values) {
        Matcher matcher = TEMPLATE.matcher(template);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("No value for {" + matcher.group(1) + "} in " + template);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(HttpCall.encode(value)));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
