/**
 * Compile-time checks of the contract as a TypeScript integrator meets it: the rule examples of the README
 * (copied unchanged) must type-check against the types generated from openapi.yaml, and every shape the server
 * refuses must not (each `@ts-expect-error` fails the build when its line compiles).
 */
import type { components } from "./generated/api";

type Schemas = components["schemas"];
type RuleDocument = Schemas["RuleDocument"];
type RulePreviewRequest = Schemas["RulePreviewRequest"];
type GroupRuleReplace = Schemas["GroupRuleReplace"];

// README, "Dynamic groups: preview an unsaved rule ...".
export const previewEngineering: RulePreviewRequest =
  {"rule":{"criterion":"attribute","field":"department","operator":"is_under","value":"engineering"},"limit":5};

// README, the rule of the dynamic group "Backend people".
export const backendPeople: RuleDocument =
  {"criterion":"attribute","field":"department","operator":"equals","value":"backend"};

// README, previewing a wider rule on that group (flat form; the group id is a placeholder).
export const widerRule: RulePreviewRequest =
  {"groupId":"7b1e4d2c-9a3f-4e8b-b6c5-0d1e2f3a4b5c","rule":{"logic":"OR","rules":[{"field":"department","operator":"is_under","value":"engineering"}]}};

// README, the default groups' rules.
export const recentLogins: RuleDocument = {"criterion": "last_active_within", "days": 30};
export const noLogins: RuleDocument = {"criterion": "inactive_for", "days": 30};
export const mostActive: RuleDocument =
  {"criterion": "activity_score", "metric": "most_active", "threshold": 50, "windowDays": 30};
export const topLearners: RuleDocument =
  {"criterion": "activity_score", "metric": "top_learners", "threshold": 50, "windowDays": 30};
export const mostTalkative: RuleDocument =
  {"criterion": "activity_score", "metric": "most_talkative", "threshold": 50, "windowDays": 30};

// README, raising the Most Active threshold.
export const mostActiveAt70: GroupRuleReplace =
  {"rule":{"criterion":"activity_score","metric":"most_active","threshold":70,"windowDays":30}};

// Trees of every node kind and the other built-in criteria.
export const tree: RuleDocument = {
  all: [
    { any: [
      { criterion: "member_of", groupId: "7b1e4d2c-9a3f-4e8b-b6c5-0d1e2f3a4b5c" },
      { criterion: "reports_to", managerId: "alice", includeNested: true },
    ] },
    { not: { criterion: "attribute", field: "custom.level", operator: "in_list", value: ["intern", "trainee"] } },
    { criterion: "attribute", field: "email", operator: "is_not_empty" },
    { criterion: "all_members" },
  ],
};

// Shapes the server refuses.

// @ts-expect-error the flat form of another product ({operator, conditions}) is not a rule
export const foreignFlat: RuleDocument = { operator: "AND", conditions: [] };

// @ts-expect-error an unknown criterion type is not one of the built-ins
export const unknownCriterion: RuleDocument = { criterion: "visited_unit", unitId: "u-1" };

// @ts-expect-error member_of needs groupId
export const memberOfWithoutGroup: RuleDocument = { criterion: "member_of" };

// @ts-expect-error activity_score needs a metric
export const scoreWithoutMetric: RuleDocument = { criterion: "activity_score", threshold: 50 };

// @ts-expect-error an attribute test needs an operator
export const attributeWithoutOperator: RuleDocument = { criterion: "attribute", field: "department", value: "x" };

// @ts-expect-error sounds_like is not an attribute operator
export const wrongOperator: RuleDocument = { criterion: "attribute", field: "department", operator: "sounds_like", value: "x" };

// @ts-expect-error loudest is not an activity metric
export const wrongMetric: RuleDocument = { criterion: "activity_score", metric: "loudest" };

// @ts-expect-error all takes a list of rules
export const allOfText: RuleDocument = { all: "x" };

// @ts-expect-error not takes one rule, not a list
export const notOfList: RuleDocument = { not: [{ criterion: "all_members" }] };

// @ts-expect-error the flat form's logic is AND or OR
export const flatXor: RuleDocument = { logic: "XOR", rules: [{ field: "department", operator: "equals", value: "x" }] };

// @ts-expect-error a criterion takes no properties of another (days belongs to the recency criteria)
export const strayProperty: RuleDocument = { criterion: "reports_to", managerId: "alice", days: 3 };

// @ts-expect-error days is a number of days
export const daysAsText: RuleDocument = { criterion: "inactive_for", days: "30" };

// Typed answers: how a membership arises, without parsing `via`.
type GroupMember = Schemas["GroupMember"];
type ViaKind = Schemas["ViaKind"];

export function subgroupOf(member: GroupMember): string | null {
  const kind: ViaKind = member.viaKind;
  return kind === "subgroup" ? member.viaGroupId : null;
}

export const throughSubgroup: GroupMember = {
  groupId: "7b1e4d2c-9a3f-4e8b-b6c5-0d1e2f3a4b5c",
  userId: "bob",
  role: "member",
  status: "active",
  joinedAt: "2026-01-05T09:00:00Z",
  invitedBy: null,
  validFrom: null,
  validUntil: null,
  permissions: [],
  notificationOverride: null,
  via: "subgroup:c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f",
  viaKind: "subgroup",
  viaGroupId: "c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f",
};

// @ts-expect-error viaKind is one of direct, subgroup, dynamic, override
export const wrongViaKind: ViaKind = "nested";

// Problems: the type is a URI; its code is one of the catalogue.
type Problem = Schemas["Problem"];
type ProblemType = Schemas["ProblemType"];

export function codeOf(problem: Problem): string {
  return problem.type.replace("https://circles.dev/problems/", "");
}

export const notFound: ProblemType = "group-not-found";

// @ts-expect-error conflict is not a code the service answers with
export const notACode: ProblemType = "conflict";

// Member groups (listMemberGroups) and the caller's own (listMyGroups) share one shape.
export function sameShape(page: Schemas["MyGroupPage"]): Schemas["MemberGroupPage"] {
  return page;
}
