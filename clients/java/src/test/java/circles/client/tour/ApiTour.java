package circles.client.tour;

import circles.client.ApiClient;
import circles.client.ApiException;
import circles.client.ApiResponse;
import circles.client.api.AuditApi;
import circles.client.api.GroupMembersApi;
import circles.client.api.GroupsApi;
import circles.client.api.MasterDataApi;
import circles.client.api.MeApi;
import circles.client.api.OrgMembersApi;
import circles.client.api.OrgsApi;
import circles.client.api.RulesApi;
import circles.client.model.AuditEvent;
import circles.client.model.DataQualityFinding;
import circles.client.model.DataQualityFindingKind;
import circles.client.model.Group;
import circles.client.model.GroupCreate;
import circles.client.model.GroupHierarchy;
import circles.client.model.GroupKind;
import circles.client.model.GroupMember;
import circles.client.model.GroupMemberAdd;
import circles.client.model.GroupPatch;
import circles.client.model.GroupRefresh;
import circles.client.model.GroupType;
import circles.client.model.GroupVisibility;
import circles.client.model.MasterDataNode;
import circles.client.model.MasterDataNodeCreate;
import circles.client.model.Me;
import circles.client.model.MemberImportReport;
import circles.client.model.MemberImportRow;
import circles.client.model.MembershipExplanation;
import circles.client.model.OrgChart;
import circles.client.model.OrgCreate;
import circles.client.model.OrgMember;
import circles.client.model.OrgMemberCreate;
import circles.client.model.OrgMemberPatch;
import circles.client.model.OrgRole;
import circles.client.model.Problem;
import circles.client.model.Reviewer;
import circles.client.model.RulePreview;
import circles.client.model.RulePreviewMember;
import circles.client.model.RulePreviewRequest;
import circles.client.model.ViaKind;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The README's "API tour", step by step and in its order, through the generated Java client only: what a reader
 * sees after each {@code curl} is asserted here on the client's typed models. It runs against any Circles whose
 * tokens the caller brings (the harness's own signed tokens, or a real Keycloak's), so the users are known by what
 * {@code GET /v1/me} says, not by a fixed id.
 *
 * <p>Where the tour writes a rule (and makes a group dynamic), the rule is the README's JSON, read into the request
 * model by the client's own object mapper ({@link #withRule}): the rule language's shape is the contract's business,
 * and the tour does not depend on how a generator renders it. Roles left out are the request models' defaults
 * ({@code member}), and types that a generator names after the schema's place are inferred ({@code var}), so the
 * tour keeps compiling when the contract names its enums and pages differently.
 */
public final class ApiTour {
    private final ApiClient alice;
    private final ApiClient bob;

    /** The tour against {@code baseUri}, alice with a platform admin's token and bob with a plain user's. */
    public ApiTour(String baseUri, String aliceToken, String bobToken) {
        this.alice = client(baseUri, aliceToken);
        this.bob = client(baseUri, bobToken);
    }

    /** A generated client for {@code baseUri} that sends {@code token} as the bearer of every request. */
    public static ApiClient client(String baseUri, String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    /** Runs every step of the tour in the README's order; fails at the first thing that differs from it. */
    public void run() throws ApiException {
        // Who am I?
        Me aliceMe = new MeApi(alice).getMe();
        assertThat(aliceMe.getPlatformAdmin()).as("alice is a platform admin").isTrue();
        String aliceId = aliceMe.getUserId();
        Me bobMe = new MeApi(bob).getMe();
        assertThat(bobMe.getPlatformAdmin()).as("bob is a plain user").isFalse();
        String bobId = bobMe.getUserId();
        assertThat(aliceId).isNotBlank().isNotEqualTo(bobId);

        // A platform admin creates an org; alice becomes its admin.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID org = new OrgsApi(alice).createOrg(new OrgCreate().name("Acme " + suffix).slug("acme-" + suffix)
                .adminUserIds(List.of(aliceId)), null).getId();
        assertThat(org).isNotNull();
        assertThat(new MeApi(alice).getMe().getOrgs())
                .anySatisfy(mine -> {
                    assertThat(mine.getOrgId()).isEqualTo(org);
                    assertThat(mine.getRole()).isEqualTo(OrgRole.ADMIN);
                });

        // The org came with its five default dynamic groups (private: org admins see them).
        List<Group> defaults = new GroupsApi(alice).listGroups(null, org, null, GroupKind.DYNAMIC, null, null, null, null,
                null, null, null, null).getItems();
        assertThat(defaults).hasSize(5)
                .allSatisfy(group -> {
                    assertThat(group.getPreset()).isNotNull();
                    assertThat(group.getRule()).isNotNull();
                    assertThat(group.getVisibility()).isEqualTo(GroupVisibility.PRIVATE);
                });

        // Bob joins the org as a member (the request model's default role).
        OrgMember bobMember = new OrgMembersApi(alice).addOrgMember(org, new OrgMemberCreate().userId(bobId)
                .displayName("Bob"), null);
        assertThat(bobMember.getUserId()).isEqualTo(bobId);
        assertThat(bobMember.getRole()).isEqualTo(OrgRole.MEMBER);

        // Master data: departments form a tree.
        MasterDataApi masterData = new MasterDataApi(alice);
        masterData.createDepartment(org, new MasterDataNodeCreate().key("engineering").name("Engineering")
                .managerId(aliceId), null);
        MasterDataNode backend = masterData.createDepartment(org, new MasterDataNodeCreate().key("backend")
                .name("Backend").parentKey("engineering"), null);
        assertThat(backend.getParentKey()).isEqualTo("engineering");
        assertThat(masterData.listDepartments(org, null, null, null, null).getItems())
                .extracting(MasterDataNode::getKey, MasterDataNode::getPath)
                .contains(tuple("engineering", "/engineering"),
                        tuple("backend", "/engineering/backend"));

        // Bob's profile: a JSON merge patch (custom attributes merge key by key).
        OrgMember bobProfile = new OrgMembersApi(alice).updateOrgMember(org, bobId, new OrgMemberPatch()
                .department("backend").managerId(aliceId).jobTitle("engineer")
                .customAttributes(Map.of("shirtSize", "L")), null);
        assertThat(bobProfile.getDepartment()).isEqualTo("backend");
        assertThat(bobProfile.getManagerId()).isEqualTo(aliceId);
        assertThat(bobProfile.getCustomAttributes()).containsEntry("shirtSize", "L");

        // A department group, and a team nested under it, with a reviewer.
        GroupsApi groups = new GroupsApi(alice);
        UUID engineering = groups.createGroup(new GroupCreate().orgId(org).name("Engineering")
                .type(GroupType.DEPARTMENT).visibility(GroupVisibility.ORGANIZATION).rule(null), null).getId();
        Group team = groups.createGroup(new GroupCreate().orgId(org).name("Backend").type(GroupType.PROJECT)
                .visibility(GroupVisibility.PUBLIC).parentId(engineering).reviewerId(aliceId).rule(null), null);
        assertThat(team.getParentId()).isEqualTo(engineering);
        assertThat(team.getKind()).isEqualTo(GroupKind.STATIC);

        // Add bob to the team as a member (the request model's default role; a JSON array: bulk, all or nothing).
        List<GroupMember> added = new GroupMembersApi(alice).addGroupMembers(team.getId(),
                List.of(new GroupMemberAdd().userId(bobId)), null).getItems();
        assertThat(added).singleElement().satisfies(member -> {
            assertThat(member.getUserId()).isEqualTo(bobId);
            assertThat(member.getVia()).isEqualTo("direct");
            assertThat(member.getViaKind()).isEqualTo(ViaKind.DIRECT);
            assertThat(member.getViaGroupId()).isNull();
        });

        // Bob's groups: Backend directly, Engineering through Backend.
        var bobsGroups = new MeApi(bob).listMyGroups(null, null, null).getItems();
        assertThat(bobsGroups).filteredOn(mine -> mine.getGroup().getId().equals(team.getId()))
                .singleElement().satisfies(mine -> {
                    assertThat(mine.getGroup().getName()).isEqualTo("Backend");
                    assertThat(mine.getDirect()).isTrue();
                    assertThat(mine.getVia()).isEqualTo("direct");
                });
        assertThat(bobsGroups).filteredOn(mine -> mine.getGroup().getId().equals(engineering))
                .singleElement().satisfies(mine -> {
                    assertThat(mine.getGroup().getName()).isEqualTo("Engineering");
                    assertThat(mine.getDirect()).isFalse();
                    assertThat(mine.getVia()).isEqualTo("subgroup:" + team.getId());
                    assertThat(mine.getViaKind()).isEqualTo(ViaKind.SUBGROUP);
                    assertThat(mine.getViaGroupId()).isEqualTo(team.getId());
                });

        // Effective members of Engineering, the hierarchy, and bob's reviewers.
        assertThat(new GroupMembersApi(alice).listGroupMembers(engineering, "effective", null, null, null, null, null)
                .getItems())
                .extracting(GroupMember::getUserId, GroupMember::getVia, GroupMember::getViaKind,
                        GroupMember::getViaGroupId)
                .containsExactly(tuple(bobId, "subgroup:" + team.getId(), ViaKind.SUBGROUP, team.getId()));
        GroupHierarchy hierarchy = groups.getGroupHierarchy(engineering);
        assertThat(hierarchy.getAncestors()).isEmpty();
        assertThat(hierarchy.getChildren()).singleElement()
                .satisfies(child -> assertThat(child.getGroup().getId()).isEqualTo(team.getId()));
        assertThat(new OrgMembersApi(bob).listMemberReviewers(org, bobId).getItems())
                .extracting(Reviewer::getReviewerId, Reviewer::getGroupId)
                .contains(tuple(aliceId, team.getId()));

        // Rename with optimistic locking: the ETag of a read goes into If-Match (a stale one gives 412).
        ApiResponse<Group> read = groups.getGroupWithHttpInfo(team.getId());
        String etag = header(read, "ETag");
        Group described = groups.updateGroup(team.getId(), new GroupPatch().description("Services and APIs"), etag);
        assertThat(described.getDescription()).isEqualTo("Services and APIs");
        assertThat(described.getVersion()).isGreaterThan(read.getData().getVersion());
        ApiException stale = catchThrowableOfType(ApiException.class,
                () -> groups.updateGroup(team.getId(), new GroupPatch().description("Stale"), etag));
        assertThat(stale.getCode()).isEqualTo(412);
        assertThat(groups.getGroup(team.getId()).getDescription()).isEqualTo("Services and APIs");

        // Import members in bulk (the JSON array form): upsert by userId, managers may come later in the file.
        MemberImportReport imported = new OrgMembersApi(alice).importMembers(org, List.of(
                new MemberImportRow().userId("carol").email("carol@acme.example").displayName("Carol")
                        .department("Engneering").managerId("dave").customAttributes(Map.of("team", "core")),
                new MemberImportRow().userId("dave").email("dave@acme.example").displayName("Dave")
                        .department("engineering")), null, null);
        assertThat(imported.getCreated()).isEqualTo(2);
        assertThat(imported.getFailed()).isZero();

        // Data quality (a value not in master data, with a suggestion) and the org chart by reporting line.
        List<DataQualityFinding> findings = new OrgMembersApi(alice).getDataQuality(org, null, null, null)
                .getFindings();
        assertThat(findings).filteredOn(finding -> finding.getFinding() == DataQualityFindingKind.UNKNOWN_DEPARTMENT)
                .singleElement().satisfies(finding -> assertThat(finding.getCount()).isEqualTo(1));
        OrgChart chart = new OrgMembersApi(alice).getOrgChart(org, "reporting", null, null, null, null);
        assertThat(chart.getItems()).isNotEmpty();

        // Dynamic groups: preview an unsaved rule (nothing is saved), make a dynamic group, preview a wider rule on it.
        RulesApi rules = new RulesApi(alice);
        RulePreview unsaved = rules.previewRule(org, withRule(new RulePreviewRequest().limit(5),
                "{\"criterion\":\"attribute\",\"field\":\"department\",\"operator\":\"is_under\","
                        + "\"value\":\"engineering\"}"));
        assertThat(unsaved.getCount()).isEqualTo(2);
        assertThat(unsaved.getItems()).extracting(RulePreviewMember::getUserId).containsExactlyInAnyOrder(bobId, "dave");

        Group dynamic = groups.createGroup(dynamicWithRule(new GroupCreate().orgId(org).name("Backend people")
                .type(GroupType.CUSTOM).visibility(GroupVisibility.PRIVATE),
                "{\"criterion\":\"attribute\",\"field\":\"department\",\"operator\":\"equals\","
                        + "\"value\":\"backend\"}"), null);
        assertThat(dynamic.getKind()).isEqualTo(GroupKind.DYNAMIC);
        assertThat(dynamic.getRule()).isNotNull();

        RulePreview wider = rules.previewRule(org, withRule(new RulePreviewRequest().groupId(dynamic.getId()),
                "{\"logic\":\"OR\",\"rules\":[{\"criterion\":\"attribute\",\"field\":\"department\","
                        + "\"operator\":\"is_under\",\"value\":\"engineering\"}]}"));
        assertThat(wider.getCount()).isEqualTo(2);
        assertThat(wider.getAdded().getCount()).isEqualTo(1);
        assertThat(wider.getAdded().getSample()).extracting(RulePreviewMember::getUserId).containsExactly("dave");
        assertThat(wider.getRemoved().getCount()).isZero();
        assertThat(wider.getUnchanged()).isEqualTo(1);

        // Refresh the dynamic group, list the rule's members, and ask why bob is one and alice is not.
        GroupRefresh refreshed = refreshWhenIdle(groups, dynamic.getId());
        assertThat(refreshed.getMemberCount()).isEqualTo(1);
        assertThat(new GroupMembersApi(alice).listGroupMembers(dynamic.getId(), null, null, null, null, null, null)
                .getItems())
                .extracting(GroupMember::getUserId, GroupMember::getVia, GroupMember::getViaKind)
                .containsExactly(tuple(bobId, "dynamic", ViaKind.DYNAMIC));
        MembershipExplanation why = groups.explainGroupMember(dynamic.getId(), bobId);
        assertThat(why.getMember()).isTrue();
        assertThat(why.getCriteria()).isNotEmpty().allSatisfy(node -> assertThat(node.getMatched()).isTrue());
        MembershipExplanation whyNot = groups.explainGroupMember(dynamic.getId(), aliceId);
        assertThat(whyNot.getMember()).isFalse();
        assertThat(whyNot.getCriteria()).anySatisfy(node -> assertThat(node.getMatched()).isFalse());

        // Errors are RFC 9457 problem details: bob may not create an org.
        ApiException refused = catchThrowableOfType(ApiException.class, () -> new OrgsApi(bob).createOrg(
                new OrgCreate().name("x").slug("x").adminUserIds(List.of()), null));
        assertThat(refused.getCode()).isEqualTo(403);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem = read(alice.getObjectMapper(), refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(403);
        assertThat(problem.getTitle()).isNotBlank();

        // What happened: the org's audit trail, newest first; alice's creation of the dynamic group is among the latest.
        List<AuditEvent> trail = new AuditApi(alice).listAuditEvents(org, null, null, null, null, null, 5, null)
                .getItems();
        assertThat(trail).hasSize(5).allSatisfy(event -> assertThat(event.getOrgId()).isEqualTo(org));
        assertThat(trail).anySatisfy(event -> {
            assertThat(event.getActorId()).isEqualTo(aliceId);
            assertThat(event.getTargetId()).isEqualTo(dynamic.getId().toString());
        });
    }

    /**
     * Refreshes a dynamic group; a refresh while the group is being evaluated anyway (after the directory changes just
     * made) answers 409, and a client tries again shortly, as this does.
     */
    private static GroupRefresh refreshWhenIdle(GroupsApi groups, UUID group) throws ApiException {
        for (int attempt = 1; ; attempt++) {
            try {
                return groups.refreshGroup(group);
            } catch (ApiException busy) {
                if (busy.getCode() != 409 || attempt == 20) {
                    throw busy;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to refresh", e);
            }
        }
    }

    /**
     * {@code request} with its {@code rule} set from the rule's JSON, as the README writes it, read by the client's
     * object mapper into whatever type the generated model gives the rule.
     */
    private <T> T withRule(T request, String ruleJson) {
        return withJson(request, "{\"rule\":" + ruleJson + "}");
    }

    /** A group to create made dynamic ({@code "kind": "dynamic"}) with the rule's JSON, as {@link #withRule}. */
    private <T> T dynamicWithRule(T request, String ruleJson) {
        return withJson(request, "{\"kind\":\"dynamic\",\"rule\":" + ruleJson + "}");
    }

    private <T> T withJson(T request, String json) {
        try {
            return alice.getObjectMapper().readerForUpdating(request).readValue(json);
        } catch (IOException e) {
            throw new UncheckedIOException(json + " does not fit the generated model", e);
        }
    }

    private static String header(ApiResponse<?> response, String name) {
        return response.getHeaders().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .flatMap(header -> header.getValue().stream())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " header in " + response.getHeaders()));
    }

    private static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + type.getSimpleName() + ": " + json, e);
        }
    }
}
