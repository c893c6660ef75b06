package circles.adapter.in.rest.problem;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of problem this service answers with, one stable code each: the problem document's {@code type} is
 * {@value #TYPE_BASE}{@code <code>}, its {@code status} and {@code title} are the ones here. Domain and
 * application exceptions carry the code as text (they know nothing of HTTP); {@link ProblemMapper} looks it up
 * here, and a code missing from this list is a programming error answered as {@link #INTERNAL_ERROR}.
 * {@code docs/problems.md} and the {@code x-problem-types} list of {@code openapi.yaml} show the same catalogue.
 */
public enum ProblemType {
    BAD_REQUEST("bad-request", 400, "Bad request", Extra.NONE,
            "The request is malformed in a way the HTTP layer detects (a path or query parameter of the wrong type, a request target that is not a valid URI such as malformed percent-encoding)."),
    INVALID_CURSOR("invalid-cursor", 400, "Invalid cursor", Extra.ERRORS,
            "A `cursor` is not one this service issued for this list (changed, made up, copied from another list, filters or caller, or signed with a key no longer configured); ask for the first page again. `errors[]` names the parameter."),
    INVALID_INPUT("invalid-input", 400, "Invalid input", Extra.ERRORS,
            "A parameter, header or body member cannot be understood at all (a malformed cursor, a limit outside 1..500, a wrong JSON type, a parameter that is not UTF-8 once percent-decoded); `errors[]` names each one."),
    MALFORMED_JSON("malformed-json", 400, "Malformed JSON", Extra.NONE,
            "The body is missing where one is required, or is not valid JSON."),
    MALFORMED_CSV("malformed-csv", 400, "Malformed CSV", Extra.NONE,
            "The CSV body of an import is not valid CSV (RFC 4180)."),
    UNREADABLE_BODY("unreadable-body", 400, "Unreadable body", Extra.NONE,
            "The request body could not be read."),
    REQUEST_REFUSED("request-refused", 400, "Request refused", Extra.NONE,
            "Another refusal of the HTTP layer with a 4xx status of its own; `status` carries it."),
    UNAUTHORIZED("unauthorized", 401, "Unauthorized", Extra.WWW_AUTHENTICATE,
            "No valid bearer token was given."),
    FORBIDDEN("forbidden", 403, "Forbidden", Extra.NONE,
            "The caller is authenticated but has no right to use this route."),
    NOT_ALLOWED("not-allowed", 403, "Not allowed", Extra.NONE,
            "The caller may see the resource but has no right to do this to it."),
    TOKEN_SCOPE_MISSING("token-scope-missing", 403, "Token scope missing", Extra.NONE,
            "The caller is an org API token, and the operation declares none of its scopes (only operations that name a scope, such as `events:read`, take API tokens)."),
    NOT_FOUND("not-found", 404, "Not found", Extra.NONE,
            "There is no resource at this path."),
    ORG_NOT_FOUND("org-not-found", 404, "Org not found", Extra.NONE,
            "The organization does not exist, or the caller may not know that it exists."),
    GROUP_NOT_FOUND("group-not-found", 404, "Group not found", Extra.NONE,
            "The group does not exist, or the caller may not know that it exists."),
    GROUP_MEMBER_NOT_FOUND("group-member-not-found", 404, "Group member not found", Extra.NONE,
            "The user is not a member of the group."),
    ORG_MEMBER_NOT_FOUND("org-member-not-found", 404, "Org member not found", Extra.NONE,
            "The user is not a member of the organization."),
    USER_NOT_FOUND("user-not-found", 404, "User not found", Extra.NONE,
            "The user is not known here."),
    ASSIGNMENT_NOT_FOUND("assignment-not-found", 404, "Assignment not found", Extra.NONE,
            "The content assignment does not exist."),
    OVERRIDE_NOT_FOUND("override-not-found", 404, "Override not found", Extra.NONE,
            "The override entry of the dynamic group does not exist."),
    SCIM_TOKEN_NOT_FOUND("scim-token-not-found", 404, "SCIM token not found", Extra.NONE,
            "The SCIM token does not exist."),
    API_TOKEN_NOT_FOUND("api-token-not-found", 404, "API token not found", Extra.NONE,
            "The API token does not exist in the organization."),
    WEBHOOK_NOT_FOUND("webhook-not-found", 404, "Webhook not found", Extra.NONE,
            "The webhook endpoint does not exist in the organization."),
    WEBHOOK_DELIVERY_NOT_FOUND("webhook-delivery-not-found", 404, "Webhook delivery not found", Extra.NONE,
            "The webhook endpoint has no such delivery."),
    DEPARTMENT_NOT_FOUND("department-not-found", 404, "Department not found", Extra.NONE,
            "The department does not exist in the organization."),
    LOCATION_NOT_FOUND("location-not-found", 404, "Location not found", Extra.NONE,
            "The location does not exist in the organization."),
    COST_CENTER_NOT_FOUND("cost-center-not-found", 404, "Cost center not found", Extra.NONE,
            "The cost center does not exist in the organization."),
    JOB_TITLE_NOT_FOUND("job-title-not-found", 404, "Job title not found", Extra.NONE,
            "The job title does not exist in the organization."),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed", Extra.ALLOW,
            "This method is not served on this path; `Allow` lists those that are."),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable", Extra.NONE,
            "The `Accept` header asks for a media type this route does not answer with."),
    ORG_SLUG_TAKEN("org-slug-taken", 409, "Org slug taken", Extra.NONE,
            "Another organization has this slug."),
    GROUP_NAME_TAKEN("group-name-taken", 409, "Group name taken", Extra.NONE,
            "Another group of the organization has this name."),
    GROUP_SLUG_TAKEN("group-slug-taken", 409, "Group slug taken", Extra.NONE,
            "Another group in the same scope has this slug."),
    ORG_MEMBER_EXISTS("org-member-exists", 409, "Org member exists", Extra.NONE,
            "The user is a member of the organization already."),
    GROUP_MEMBER_EXISTS("group-member-exists", 409, "Group member exists", Extra.NONE,
            "The user is a member of the group already."),
    ASSIGNMENT_EXISTS("assignment-exists", 409, "Assignment exists", Extra.NONE,
            "The resource is assigned to the group already."),
    OVERRIDE_EXISTS("override-exists", 409, "Override exists", Extra.NONE,
            "The dynamic group has an override for this user already."),
    DEFAULT_GROUP_EXISTS("default-group-exists", 409, "Default group exists", Extra.NONE,
            "The organization has this default group already."),
    GROUP_HAS_SUBGROUPS("group-has-subgroups", 409, "Group has subgroups", Extra.NONE,
            "The group still has subgroups; delete them first, or delete with `cascade=true`."),
    GROUP_EVALUATING("group-evaluating", 409, "Group evaluating", Extra.NONE,
            "The dynamic group is being evaluated right now; try again when it is done."),
    MASTER_DATA_KEY_TAKEN("master-data-key-taken", 409, "Master data key taken", Extra.NONE,
            "Another master-data entry of this kind has this key."),
    MASTER_DATA_IN_USE("master-data-in-use", 409, "Master data in use", Extra.NONE,
            "Members or rules still name the master-data entry."),
    MASTER_DATA_HAS_CHILDREN("master-data-has-children", 409, "Master data has children", Extra.NONE,
            "The master-data entry still has children."),
    STILL_REFERENCED("still-referenced", 409, "Still referenced", Extra.NONE,
            "Something still refers to what the change would remove."),
    DUPLICATE("duplicate", 409, "Duplicate", Extra.NONE,
            "The change would create a duplicate."),
    SCIM_USER_EXISTS("scim-user-exists", 409, "SCIM user exists", Extra.NONE,
            "(SCIM provisioning) The user is a member of the organization already; SCIM routes answer it as a SCIM error."),
    SCIM_USER_NAME_TAKEN("scim-user-name-taken", 409, "SCIM user name taken", Extra.NONE,
            "(SCIM provisioning) Another member has this userName; SCIM routes answer it as a SCIM error."),
    CURSOR_EXPIRED("cursor-expired", 410, "Cursor expired", Extra.ERRORS,
            "A change feed cursor is older than the feed keeps its events; start again without a cursor (the oldest retained event) or with `after=now`. `errors[]` names the parameter."),
    PRECONDITION_FAILED("precondition-failed", 412, "Precondition failed", Extra.NONE,
            "The `If-Match` header does not match the current version of the resource."),
    VERSION_MISMATCH("version-mismatch", 412, "Version mismatch", Extra.NONE,
            "The resource changed since the version the change was based on."),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large", Extra.NONE,
            "The request body is larger than this route accepts."),
    URI_TOO_LONG("uri-too-long", 414, "URI too long", Extra.NONE,
            "The request target (path and query) is longer than the service reads."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type", Extra.NONE,
            "The request body has a content type this route does not accept."),
    VALIDATION_FAILED("validation-failed", 422, "Validation failed", Extra.ERRORS,
            "The request breaks a constraint of its schema (length, pattern, enumeration, range); `errors[]` names each field."),
    RULE_INVALID("rule-invalid", 422, "Rule invalid", Extra.ERRORS,
            "The rule of a dynamic group is invalid; `errors[]` holds JSON pointers into the rule as it was sent."),
    REGEX_TOO_COMPLEX("regex-too-complex", 422, "Regex too complex", Extra.ERRORS,
            "A `regex` of the rule would compile to a program larger than the bound (counted repetitions multiply what they repeat); `errors[]` points at each such pattern."),
    CONSTRAINT_VIOLATED("constraint-violated", 422, "Constraint violated", Extra.NONE,
            "The change breaks a constraint of the stored data."),
    REFERENCE_MISSING("reference-missing", 422, "Reference missing", Extra.NONE,
            "The change refers to something that does not exist."),
    GROUP_MISSING("group-missing", 422, "Group missing", Extra.NONE,
            "The group does not exist (any more) or belongs to another organization."),
    NOT_AN_ORG_MEMBER("not-an-org-member", 422, "Not an org member", Extra.ERRORS,
            "Only members of the group's organization can be members of its groups."),
    MEMBERS_REJECTED("members-rejected", 422, "Members rejected", Extra.ERRORS,
            "Some members of a bulk add are invalid, so none was added; `errors[]` names them by index."),
    MANAGER_NOT_A_MEMBER("manager-not-a-member", 422, "Manager not a member", Extra.ERRORS,
            "The manager must be a member of the same organization."),
    MANAGER_CYCLE("manager-cycle", 422, "Manager cycle", Extra.ERRORS,
            "The change would make someone their own (indirect) manager."),
    REPORTING_LINE_TOO_LONG("reporting-line-too-long", 422, "Reporting line too long", Extra.ERRORS,
            "The reporting line would be longer than the service follows."),
    NESTING_CYCLE("nesting-cycle", 422, "Nesting cycle", Extra.NONE,
            "The parent would make the group its own ancestor."),
    NESTING_TOO_DEEP("nesting-too-deep", 422, "Nesting too deep", Extra.ERRORS,
            "The group hierarchy would be deeper than allowed."),
    MASTER_DATA_UNKNOWN("master-data-unknown", 422, "Master data unknown", Extra.ERRORS,
            "The profile names a master-data entry that does not exist in the organization."),
    MASTER_DATA_CYCLE("master-data-cycle", 422, "Master data cycle", Extra.NONE,
            "The parent would make the master-data entry its own ancestor."),
    MASTER_DATA_TOO_DEEP("master-data-too-deep", 422, "Master data too deep", Extra.NONE,
            "The master-data tree would be deeper than allowed."),
    LAST_OWNER("last-owner", 422, "Last owner", Extra.NONE,
            "The change would leave the group without an owner."),
    LAST_ADMIN("last-admin", 422, "Last admin", Extra.NONE,
            "The change would leave the organization without an admin."),
    GROUP_NOT_DYNAMIC("group-not-dynamic", 422, "Group not dynamic", Extra.NONE,
            "The group is static: it has no rule, overrides or evaluation."),
    DYNAMIC_GROUP_READ_ONLY("dynamic-group-read-only", 422, "Dynamic group read only", Extra.NONE,
            "The group is dynamic: its members are computed from its rule and are not changed by hand."),
    GROUP_ARCHIVED("group-archived", 422, "Group archived", Extra.NONE,
            "The group is archived and accepts no changes to its members."),
    GROUP_EXPIRED("group-expired", 422, "Group expired", Extra.NONE,
            "The group has expired and accepts no changes to its members."),
    PRESET_GROUP_UNDELETABLE("preset-group-undeletable", 422, "Preset group undeletable", Extra.NONE,
            "A default group cannot be deleted (it can be archived)."),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency key reused", Extra.NONE,
            "The `Idempotency-Key` was used before with another request body."),
    IMPORT_REJECTED("import-rejected", 422, "Import rejected", Extra.ERRORS,
            "Some rows of the import are invalid, so nothing was imported; `errors[]` names them by row."),
    IMPORT_TOO_MANY_ROWS("import-too-many-rows", 422, "Import too many rows", Extra.NONE,
            "The import has more rows than one request may carry."),
    TOO_MANY_EVENTS("too-many-events", 422, "Too many events", Extra.ERRORS,
            "The batch has more activity events than one request may carry."),
    INTERNAL_ERROR("internal-error", 500, "Internal error", Extra.NONE,
            "Something went wrong on the server's side; the detail names an incident the operators find in the log."),
    EVALUATION_FAILED("evaluation-failed", 503, "Evaluation failed", Extra.RETRY_AFTER,
            "The evaluation of a dynamic group failed for a reason that is not the caller's; the members stay as they were."),
    TEMPORARILY_UNAVAILABLE("temporarily-unavailable", 503, "Temporarily unavailable", Extra.RETRY_AFTER,
            "A failure that passes by itself (the database connection lost, a timeout, a serialization failure); send the same request again after `Retry-After` seconds.");

    public static final String TYPE_BASE = "https://circles.dev/problems/";

    /** What a problem of this type carries besides the standard members. */
    public enum Extra {
        NONE(""),
        /** An {@code errors[]} member naming each offending field. */
        ERRORS("errors"),
        /** A {@code Retry-After} header (seconds). */
        RETRY_AFTER("Retry-After"),
        /** A {@code WWW-Authenticate} header. */
        WWW_AUTHENTICATE("WWW-Authenticate"),
        /** An {@code Allow} header. */
        ALLOW("Allow");

        private final String label;

        Extra(String label) {
            this.label = label;
        }

        /** How docs/problems.md and openapi.yaml name it (empty for none). */
        public String label() {
            return label;
        }
    }

    private static final Map<String, ProblemType> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ProblemType::code, Function.identity()));

    private final String code;
    private final int status;
    private final String title;
    private final Extra extra;
    private final String meaning;

    ProblemType(String code, int status, String title, Extra extra, String meaning) {
        this.code = code;
        this.status = status;
        this.title = title;
        this.extra = extra;
        this.meaning = meaning;
    }

    /** The type for a code a domain or application exception carries; empty when the catalogue lacks it. */
    public static Optional<ProblemType> ofCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    public String code() {
        return code;
    }

    /** The HTTP status this kind of problem is answered with. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Extra extra() {
        return extra;
    }

    /** What it means for the caller, in one sentence. */
    public String meaning() {
        return meaning;
    }

    /** The problem document's {@code type}: {@value #TYPE_BASE}{@code <code>}. */
    public String uri() {
        return TYPE_BASE + code;
    }
}
