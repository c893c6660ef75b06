package circles.bootstrap.contract;

import circles.bootstrap.support.TestTokens;
import io.restassured.response.Response;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The world the contract tests play in, built through the API itself by a platform admin:
 * <ul>
 *   <li>org A with an {@code admin}, an {@code it_admin} and plain members: {@code member} (in no group),
 *       {@code owner} and {@code moderator} (holding those roles in G), {@code subject} (a plain member of
 *       G, the user that member-oriented operations are about) and {@code spare} (in no group, the user
 *       that is added to G);</li>
 *   <li>G: a static group of org A with visibility {@code organization}, carrying one assignment;</li>
 *   <li>a SCIM token of org A, and an API token of org A issued by its admin;</li>
 *   <li>optionally P: a private static group of org A whose only member is {@code subject};</li>
 *   <li>org B with its own admin, and an outsider who belongs to no org (shared by every fixture).</li>
 * </ul>
 * User ids are unique per fixture, so fixtures never disturb each other.
 */
final class Fixture {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final long TOKEN_REUSE_MILLIS = 120_000;
    private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();
    private static Shared shared;

    final String tag;
    final String orgA;
    final String groupG;
    final String assignmentId;
    final String scimTokenId;
    final String apiTokenId;
    /** The secret of the API token (scope {@code events:read}). */
    final String apiTokenSecret;
    final String webhookId;
    /** A (failed) test delivery of the webhook, in its delivery log. */
    final String webhookDeliveryId;
    final String privateGroupP;
    final String adminA;
    final String itAdminA;
    final String memberA;
    final String ownerA;
    final String moderatorA;
    final String subjectA;
    final String spareA;
    private final Map<Actor, String> subjects = new EnumMap<>(Actor.class);
    private final Map<String, String> masterData = new ConcurrentHashMap<>();
    private String dynamicGroupD;
    private String overrideOfD;

    private Fixture(boolean withPrivateGroup) {
        tag = RUN + "-" + SEQUENCE.incrementAndGet();
        Shared world = shared();
        adminA = "ma-" + tag + "-admin";
        itAdminA = "ma-" + tag + "-itadmin";
        memberA = "ma-" + tag + "-member";
        ownerA = "ma-" + tag + "-owner";
        moderatorA = "ma-" + tag + "-moderator";
        subjectA = "ma-" + tag + "-subject";
        spareA = "ma-" + tag + "-spare";

        orgA = createOrg("Matrix A " + tag, "matrix-a-" + tag, adminA);
        addOrgMember(orgA, itAdminA, "it_admin");
        for (String plain : new String[] {memberA, ownerA, moderatorA, subjectA, spareA}) {
            addOrgMember(orgA, plain, "member");
        }
        groupG = createGroup(orgA, "Group G " + tag, "organization");
        addGroupMembers(groupG, """
                [{"userId": "%s", "role": "owner"}, {"userId": "%s", "role": "moderator"},
                 {"userId": "%s", "role": "member"}]""".formatted(ownerA, moderatorA, subjectA));
        assignmentId = created(HttpCall.of("POST", "/v1/groups/" + groupG + "/assignments")
                .withBody(HttpCall.JSON, """
                        {"resourceType": "course", "resourceId": "course-%s"}""".formatted(tag)), "an assignment to G")
                .jsonPath().getString("id");
        scimTokenId = created(HttpCall.of("POST", "/v1/orgs/" + orgA + "/scim-tokens").withBody(HttpCall.JSON, """
                {"name": "Fixture %s"}""".formatted(tag)), "a SCIM token of org A", token(adminA))
                .jsonPath().getString("id");
        // Port 9 (discard) refuses at once on the loopback interface: a test delivery fails fast.
        webhookId = created(HttpCall.of("POST", "/v1/orgs/" + orgA + "/webhooks").withBody(HttpCall.JSON, """
                {"url": "http://127.0.0.1:9/hooks/%s", "eventTypes": ["circles.group.created"]}""".formatted(tag)),
                "a webhook of org A").jsonPath().getString("id");
        Response tested = HttpCall.of("POST", "/v1/orgs/" + orgA + "/webhooks/" + webhookId + "/test")
                .send(platformAdminToken());
        if (tested.statusCode() != 200) {
            throw new IllegalStateException("Fixture set-up failed: testing the webhook answered "
                    + tested.statusCode() + " " + tested.asString());
        }
        webhookDeliveryId = tested.jsonPath().getString("deliveryId");
        if (withPrivateGroup) {
            privateGroupP = createGroup(orgA, "Private P " + tag, "private");
            addGroupMembers(privateGroupP, """
                    [{"userId": "%s", "role": "member"}]""".formatted(subjectA));
        } else {
            privateGroupP = null;
        }

        Response apiToken = created(HttpCall.of("POST", "/v1/orgs/" + orgA + "/api-tokens").withBody(HttpCall.JSON,
                """
                {"name": "Fixture %s", "scopes": ["events:read"]}""".formatted(tag)), "an API token of org A",
                token(adminA));
        apiTokenId = apiToken.jsonPath().getString("id");
        apiTokenSecret = apiToken.jsonPath().getString("token");

        subjects.put(Actor.PLATFORM_ADMIN, TestTokens.PLATFORM_ADMIN_SUBJECT);
        subjects.put(Actor.ORG_ADMIN, adminA);
        subjects.put(Actor.IT_ADMIN, itAdminA);
        subjects.put(Actor.ORG_MEMBER, memberA);
        subjects.put(Actor.GROUP_OWNER, ownerA);
        subjects.put(Actor.GROUP_MODERATOR, moderatorA);
        subjects.put(Actor.OUTSIDER, world.outsider);
        subjects.put(Actor.OTHER_ORG_ADMIN, world.adminB);
    }

    /** A new org A with G (and its members and assignment). */
    static Fixture fresh() {
        return new Fixture(false);
    }

    /** A new org A with G and, in addition, the private group P. */
    static Fixture freshWithPrivateGroup() {
        return new Fixture(true);
    }

    String orgB() {
        return shared().orgB;
    }

    String subjectOf(Actor actor) {
        return subjects.get(actor);
    }

    String tokenOf(Actor actor) {
        return actor == Actor.PLATFORM_ADMIN ? platformAdminToken() : token(subjects.get(actor));
    }

    static String platformAdminToken() {
        return TOKENS.compute(TestTokens.PLATFORM_ADMIN_SUBJECT, (subject, cached) ->
                cached != null && cached.fresh() ? cached : new CachedToken(TestTokens.platformAdmin())).token();
    }

    /** A valid token for a user without platform roles; reused for a while (tokens live five minutes). */
    static String token(String subject) {
        return TOKENS.compute(subject, (key, cached) ->
                cached != null && cached.fresh() ? cached : new CachedToken(TestTokens.forUser(key))).token();
    }

    private static synchronized Shared shared() {
        if (shared == null) {
            String adminB = "ma-" + RUN + "-other-admin";
            String orgB = createOrg("Matrix B " + RUN, "matrix-b-" + RUN, adminB);
            shared = new Shared(orgB, adminB, "ma-" + RUN + "-outsider");
        }
        return shared;
    }

    private static String createOrg(String name, String slug, String admin) {
        return created(HttpCall.of("POST", "/v1/orgs").withBody(HttpCall.JSON, """
                {"name": "%s", "slug": "%s", "adminUserIds": ["%s"]}""".formatted(name, slug, admin)), "org " + slug)
                .jsonPath().getString("id");
    }

    private static void addOrgMember(String orgId, String userId, String role) {
        created(HttpCall.of("POST", "/v1/orgs/" + orgId + "/members").withBody(HttpCall.JSON, """
                {"userId": "%s", "role": "%s"}""".formatted(userId, role)), "org member " + userId);
    }

    private static String createGroup(String orgId, String name, String visibility) {
        return created(HttpCall.of("POST", "/v1/groups").withBody(HttpCall.JSON, """
                {"orgId": "%s", "name": "%s", "type": "project", "kind": "static", "visibility": "%s"}"""
                .formatted(orgId, name, visibility)), "group " + name)
                .jsonPath().getString("id");
    }

    private static void addGroupMembers(String groupId, String members) {
        created(HttpCall.of("POST", "/v1/groups/" + groupId + "/members").withBody(HttpCall.JSON, members),
                "members of group " + groupId);
    }

    private static Response created(HttpCall call, String what) {
        return created(call, what, platformAdminToken());
    }

    /** Like {@link #created(HttpCall, String)}, sent with {@code token}. */
    private static Response created(HttpCall call, String what, String token) {
        Response response = call.send(token);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Fixture set-up failed: creating " + what + " with " + call + " "
                    + call.bodyText() + " answered " + response.statusCode() + " " + response.asString());
        }
        return response;
    }

    /**
     * The key of an entry of org A's master data in the collection {@code path} names ({@code departments},
     * {@code locations}, {@code cost-centers}, {@code job-titles}), made on first use: a root named by no profile.
     */
    String masterDataKey(String path) {
        String collection = path.replaceAll("^/v1/orgs/\\{orgId}/([a-z-]+)/.*$", "$1");
        return masterData.computeIfAbsent(collection, kind -> {
            String key = "fixture-" + kind;
            created(HttpCall.of("POST", "/v1/orgs/" + orgA + "/" + kind).withBody(HttpCall.JSON, """
                    {"key": "%s", "name": "Fixture %s"}""".formatted(key, kind)), kind + " " + key + " of org A");
            return key;
        });
    }

    /**
     * The dynamic group D of org A (visibility organization, every active member by its rule), made when a request
     * first names it: the operations that only dynamic groups take address D instead of G.
     */
    synchronized String dynamicGroupD() {
        if (dynamicGroupD == null) {
            dynamicGroupD = created(HttpCall.of("POST", "/v1/groups").withBody(HttpCall.JSON, """
                    {"orgId": "%s", "name": "Dynamic D %s", "type": "custom", "kind": "dynamic",
                     "visibility": "organization", "rule": {"criterion": "all_members"}}"""
                    .formatted(orgA, tag)), "dynamic group D").jsonPath().getString("id");
        }
        return dynamicGroupD;
    }

    /** An exclude entry of D naming {@code subject}, made when a request first names one. */
    synchronized String overrideOfD() {
        if (overrideOfD == null) {
            overrideOfD = created(HttpCall.of("POST", "/v1/groups/" + dynamicGroupD() + "/overrides")
                    .withBody(HttpCall.JSON, """
                            {"userId": "%s", "kind": "exclude", "reason": "Fixture %s"}""".formatted(subjectA, tag)),
                    "an override of dynamic group D").jsonPath().getString("id");
        }
        return overrideOfD;
    }

    private record Shared(String orgB, String adminB, String outsider) {
    }

    private record CachedToken(String token, long issuedAt) {
        CachedToken(String token) {
            this(token, System.currentTimeMillis());
        }

        boolean fresh() {
            return System.currentTimeMillis() - issuedAt < TOKEN_REUSE_MILLIS;
        }
    }
}
