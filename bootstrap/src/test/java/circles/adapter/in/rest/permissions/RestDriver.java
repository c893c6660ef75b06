package circles.adapter.in.rest.permissions;

import circles.adapter.in.rest.Ids;
import circles.adapter.in.rest.RestApi;
import circles.application.permissions.PermissionCall;
import circles.application.permissions.PermissionCall.Caller;
import circles.application.permissions.PermissionCall.Validity;
import circles.application.permissions.PermissionDriver;
import circles.application.permissions.PermissionModel;
import circles.application.permissions.PermissionModel.Terms;
import circles.application.permissions.Verdict;
import circles.bootstrap.support.TestTokens;
import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/**
 * Drives the permission model over HTTP: the REST API for people, {@code /scim/v2} for SCIM tokens. Each run works
 * in a fresh org whose admins, it_admin and plain members are the model's people; the outsider administers an org
 * of their own.
 */
final class RestDriver implements PermissionDriver {
    private static final String SCIM_JSON = "application/scim+json";
    private static final String GROUP = "/v1/groups/{groupId}";
    private static final String MEMBERS = "/v1/groups/{groupId}/members";
    private static final String MEMBER = "/v1/groups/{groupId}/members/{userId}";

    private final String org;
    private final Map<String, String> users = new HashMap<>();
    private final Map<String, String> scimTokens = new HashMap<>();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final String platformAdminToken = TestTokens.platformAdmin();
    /** The org's groups as last listed, until the next call changes something. */
    private Map<String, Map<String, Object>> listed;

    RestDriver() {
        String tag = Ids.unique("pm");
        PermissionModel.PEOPLE.forEach(person -> users.put(person, person + "-" + tag));
        org = RestApi.asPlatformAdmin().contentType(RestApi.JSON)
                .body(Map.of("name", "Permissions " + tag, "slug", tag, "adminUserIds",
                        PermissionModel.ORG_ADMINS.stream().map(users::get).toList()))
                .post("/v1/orgs").then().statusCode(201).extract().path("id");
        addOrgMember(PermissionModel.IT_ADMIN, "it_admin");
        PermissionModel.PLAIN_MEMBERS.forEach(member -> addOrgMember(member, "member"));
        RestApi.asPlatformAdmin().contentType(RestApi.JSON)
                .body(Map.of("name", "Elsewhere " + tag, "slug", tag + "-x", "adminUserIds",
                        List.of(users.get(PermissionModel.OUTSIDER))))
                .post("/v1/orgs").then().statusCode(201);
        for (String issuer : PermissionModel.TOKEN_ISSUERS) {
            scimTokens.put(issuer, RestApi.as(users.get(issuer)).contentType(RestApi.JSON)
                    .body(Map.of("name", "IdP of " + issuer)).post("/v1/orgs/{orgId}/scim-tokens", org)
                    .then().statusCode(201).extract().path("token"));
        }
    }

    private void addOrgMember(String person, String role) {
        RestApi.as(users.get(PermissionModel.ORG_ADMINS.getFirst())).contentType(RestApi.JSON)
                .body(Map.of("userId", users.get(person), "role", role)).post("/v1/orgs/{orgId}/members", org)
                .then().statusCode(201);
    }

    private RequestSpecification as(Caller caller) {
        return switch (caller) {
            case Caller.Person person -> person.userId().equals(PermissionModel.PLATFORM_ADMIN)
                    ? RestApi.asPlatformAdmin() : RestApi.as(users.get(person.userId()));
            case Caller.ScimToken token -> given().header("Authorization", "Bearer " + scimTokens.get(token.issuer()))
                    .accept(SCIM_JSON);
        };
    }

    /** Reads of the state after a call: the platform admin, answers not checked against the contract again. */
    private RequestSpecification observer() {
        return given().header("Authorization", "Bearer " + platformAdminToken);
    }

    @Override
    public Verdict.Outcome perform(PermissionCall call) {
        listed = null;
        Response response = send(call);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Verdict.Outcome.DONE;
        }
        for (Verdict.Outcome outcome : Verdict.Outcome.values()) {
            if (outcome.status == status) {
                return outcome;
            }
        }
        throw new AssertionError("'" + call + "' answered " + status + ": " + response.asString());
    }

    private Response send(PermissionCall call) {
        RequestSpecification request = as(call.caller());
        return switch (call) {
            case PermissionCall.CreateTopLevelGroup create -> created(create.group(), request.contentType(RestApi.JSON)
                    .body(groupBody(create.group(), create.visibility().name(), create.memberInvites(), null))
                    .post("/v1/groups"));
            case PermissionCall.CreateSubgroup create -> created(create.group(), request.contentType(RestApi.JSON)
                    .body(groupBody(create.group(), create.visibility().name(), create.memberInvites(),
                            ids.get(create.parent())))
                    .post("/v1/groups"));
            case PermissionCall.CreateDynamicGroup create -> {
                Map<String, Object> body = groupBody(create.group(), create.visibility().name(), false, null);
                body.put("type", "custom");
                body.put("kind", "dynamic");
                body.put("rule", memberOf(create.memberOf()));
                yield created(create.group(), request.contentType(RestApi.JSON).body(body).post("/v1/groups"));
            }
            case PermissionCall.MoveGroup move -> request.contentType(RestApi.MERGE_PATCH)
                    .body(Collections.singletonMap("parentId", move.newParent() == null ? null : ids.get(move.newParent())))
                    .patch(GROUP, ids.get(move.group()));
            case PermissionCall.DeleteSubtree delete -> request.queryParam("cascade", true)
                    .delete(GROUP, ids.get(delete.group()));
            case PermissionCall.AddMember add -> {
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("userId", users.get(add.user()));
                member.put("role", lower(add.role()));
                member.put("status", lower(add.status()));
                member.put("permissions", add.permissions().stream().map(RestDriver::lower).sorted().toList());
                yield request.contentType(RestApi.JSON).body(List.of(member)).post(MEMBERS, ids.get(add.group()));
            }
            case PermissionCall.ChangeMember change -> request.contentType(RestApi.MERGE_PATCH)
                    .body(patch(change.change())).patch(MEMBER, ids.get(change.group()), users.get(change.user()));
            case PermissionCall.RemoveMember remove -> request.delete(MEMBER, ids.get(remove.group()),
                    users.get(remove.user()));
            case PermissionCall.ReadGroup read -> request.get(GROUP, ids.get(read.group()));
            case PermissionCall.ListMembers list -> request.queryParam("view", "effective")
                    .get(MEMBERS, ids.get(list.group()));
            case PermissionCall.PreviewRule preview -> request.contentType(RestApi.JSON)
                    .body(Map.of("rule", memberOf(preview.memberOf())))
                    .post("/v1/orgs/{orgId}/rules/preview", org);
            case PermissionCall.ScimDeactivateUser deactivate -> request.delete("/scim/v2/Users/{id}",
                    users.get(deactivate.user()));
        };
    }

    private Map<String, Object> groupBody(String name, String visibility, boolean memberInvites, String parentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("orgId", org);
        body.put("name", name);
        body.put("type", "project");
        body.put("visibility", visibility.toLowerCase(Locale.ROOT));
        body.put("settings", Map.of("allowMemberInvites", memberInvites));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return body;
    }

    private Map<String, Object> memberOf(String group) {
        return Map.of("all", List.of(Map.of("criterion", "member_of", "groupId", ids.get(group))));
    }

    private static Map<String, Object> patch(PermissionCall.MemberChange change) {
        if (change.role() != null) {
            return Map.of("role", lower(change.role()));
        }
        if (change.status() != null) {
            return Map.of("status", lower(change.status()));
        }
        if (change.validity() != null) {
            Instant now = Instant.now();
            return Collections.singletonMap("validUntil", switch (change.validity()) {
                case OPEN -> null;
                case ENDED -> now.minus(Duration.ofHours(1)).toString();
                case RUNNING -> now.plus(Duration.ofDays(30)).toString();
            });
        }
        return Map.of("permissions", change.permissions().stream().map(RestDriver::lower).sorted().toList());
    }

    /** A new static group gets one assignment, so that the content reaching a person names their groups. */
    private Response created(String name, Response response) {
        if (response.statusCode() == 201) {
            String id = response.path("id");
            ids.put(name, id);
            if (!"dynamic".equals(response.path("kind"))) {
                RestApi.asPlatformAdmin().contentType(RestApi.JSON)
                        .body(Map.of("resourceType", "document", "resourceId", "content-of-" + name))
                        .post("/v1/groups/{groupId}/assignments", id).then().statusCode(201);
            }
        }
        return response;
    }

    /** Content reach: the groups whose assignment reaches the person, as they list their own assignments. */
    @Override
    public Set<String> effectiveGroupsOf(String userId) {
        Response response = as(new Caller.Person(userId)).queryParam("limit", 100)
                .get("/v1/orgs/{orgId}/members/{userId}/assignments", org, users.get(userId));
        Set<String> groups = new TreeSet<>();
        if (response.statusCode() == 200) {
            List<String> groupIds = response.path("items.assignment.groupId");
            groupIds.forEach(id -> groups.add(nameOf(id)));
        } else if (response.statusCode() != 404) {
            throw new AssertionError("the assignments of " + userId + " answered " + response.statusCode());
        }
        return groups;
    }

    private String nameOf(String id) {
        return ids.entrySet().stream().filter(entry -> entry.getValue().equals(id)).map(Map.Entry::getKey)
                .findFirst().orElse("unknown " + id);
    }

    /** The org's groups that the model knows, as the platform admin lists them: id to the listed group. */
    private Map<String, Map<String, Object>> listed() {
        if (listed == null) {
            List<Map<String, Object>> items = observer().queryParam("orgId", org).queryParam("limit", 100)
                    .get("/v1/groups").then().statusCode(200).extract().path("items");
            listed = new HashMap<>();
            items.stream().filter(item -> ids.containsValue((String) item.get("id")))
                    .forEach(item -> listed.put((String) item.get("id"), item));
        }
        return listed;
    }

    @Override
    public Map<String, String> parents() {
        Map<String, String> parents = new TreeMap<>();
        listed().values().forEach(group -> {
            String parent = (String) group.get("parentId");
            parents.put(nameOf((String) group.get("id")), parent == null ? "-" : nameOf(parent));
        });
        return parents;
    }

    @Override
    public Map<String, Map<String, Terms>> memberships() {
        Instant now = Instant.now();
        Map<String, String> people = new HashMap<>();
        users.forEach((person, userId) -> people.put(userId, person));
        Map<String, Map<String, Terms>> all = new TreeMap<>();
        listed().values().stream().filter(group -> !"dynamic".equals(group.get("kind"))).forEach(group -> {
            String id = (String) group.get("id");
            String name = nameOf(id);
            List<Map<String, Object>> items = observer().queryParam("view", "direct")
                    .queryParam("limit", 100).get(MEMBERS, id).then().statusCode(200).extract().path("items");
            Map<String, Terms> members = new TreeMap<>();
            for (Map<String, Object> item : items) {
                String until = (String) item.get("validUntil");
                @SuppressWarnings("unchecked")
                List<String> permissions = (List<String>) item.getOrDefault("permissions", List.of());
                members.put(people.getOrDefault((String) item.get("userId"), (String) item.get("userId")),
                        new Terms(GroupRole.valueOf(upper(item.get("role"))),
                                MembershipStatus.valueOf(upper(item.get("status"))),
                                until == null ? Validity.OPEN
                                        : Instant.parse(until).isAfter(now) ? Validity.RUNNING : Validity.ENDED,
                                permissions.stream().map(permission -> GroupPermission.valueOf(upper(permission)))
                                        .collect(Collectors.toSet())));
            }
            all.put(name, members);
        });
        return all;
    }

    @Override
    public Set<String> sightOf(String userId) {
        Set<String> seen = new TreeSet<>();
        Caller caller = new Caller.Person(userId);
        ids.forEach((name, id) -> {
            if (as(caller).get(GROUP, id).statusCode() == 200) {
                seen.add(name);
            }
        });
        return seen;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String upper(Object value) {
        return String.valueOf(value).toUpperCase(Locale.ROOT);
    }
}
