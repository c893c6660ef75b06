package circles.adapter.out.persistence.memberindex;

import circles.adapter.out.persistence.member.AttributeCriteriaContext;
import circles.domain.actor.UserId;
import circles.domain.criterion.AllMembersCriterion;
import circles.domain.criterion.Candidate;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.attribute.AttributeCriterion;
import circles.domain.criterion.attribute.AttributeField;
import circles.domain.criterion.reporting.ReportsToCriterion;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.rule.Rule;
import circles.domain.shared.RuleViolation;
import org.roaringbitmap.IntConsumer;
import org.roaringbitmap.RoaringBitmap;

import java.util.Map;
import java.util.Optional;

/**
 * A rule as bitmap algebra over an {@link OrgIndex}: {@code all}/{@code any}/{@code not} are and/or/and-not, each
 * leaf a union of precomputed bitmaps.
 * <p>
 * An attribute leaf is judged by the domain criterion itself, once per distinct stored value of its field (and once
 * for "no value"), and the bitmaps of the values it accepts are or-ed: trimming, case folding, regular expressions
 * and tree operators mean exactly what they mean in memory, at the cost of one judgement per distinct value, not
 * per member. A tree operator reads the master-data tree as the caller's transaction sees it, so a moved node
 * needs no structure update. {@code reports_to} walks down the manager column's bitmaps from the resolved manager.
 * Which leaves have structures is {@link #indexable(Rule)}; email (a value per member) and the criteria that read
 * activity or other groups have none.
 */
final class RuleAlgebra {
    /** What the algebra asks of the database while it evaluates: as the caller's transaction sees it. */
    interface Lookups {
        /** As the in-memory path resolves a rule's member reference: a user id wins, else the lowest id by email. */
        Optional<String> resolveMember(String reference);

        /** The parent of each key of the tree of {@code kind} that has one. */
        Map<String, String> parents(MasterDataKind kind);
    }

    private static final UserId PROBE = new UserId("member-index-probe");

    private final OrgIndex index;
    private final Lookups lookups;
    private final OrgId orgId;

    RuleAlgebra(OrgIndex index, Lookups lookups, OrgId orgId) {
        this.index = index;
        this.lookups = lookups;
        this.orgId = orgId;
    }

    /** Whether every leaf of the rule has a structure in the index. */
    static boolean indexable(Rule rule) {
        return rule.criteria().stream().allMatch(RuleAlgebra::indexable);
    }

    private static boolean indexable(Criterion criterion) {
        return criterion instanceof AllMembersCriterion || criterion instanceof ReportsToCriterion
                || criterion instanceof AttributeCriterion attribute && !attribute.field().name().equals("email");
    }

    /** The active members the rule selects, as ordinals (a new bitmap the caller owns). */
    RoaringBitmap activeMembers(Rule rule) {
        return RoaringBitmap.and(evaluate(rule), index.active());
    }

    private RoaringBitmap evaluate(Rule rule) {
        return switch (rule) {
            case Rule.All all -> {
                RoaringBitmap result = null;
                for (Rule part : all.rules()) {
                    RoaringBitmap next = evaluate(part);
                    result = result == null ? next : RoaringBitmap.and(result, next);
                }
                yield result;
            }
            case Rule.Any any -> {
                RoaringBitmap result = new RoaringBitmap();
                for (Rule part : any.rules()) {
                    result.or(evaluate(part));
                }
                yield result;
            }
            case Rule.Not not -> RoaringBitmap.andNot(index.live(), evaluate(not.rule()));
            case Rule.Leaf leaf -> leaf(leaf.criterion());
        };
    }

    private RoaringBitmap leaf(Criterion criterion) {
        return switch (criterion) {
            case AllMembersCriterion ignored -> index.live().clone();
            case ReportsToCriterion reportsTo -> reportsTo(reportsTo);
            case AttributeCriterion attribute -> attribute(attribute);
            default -> throw new IllegalArgumentException("no structure for criterion " + criterion.type());
        };
    }

    // ---- attribute ----

    private RoaringBitmap attribute(AttributeCriterion criterion) {
        AttributeField field = criterion.field();
        String name = field.name();
        Optional<Column> found = name.startsWith(AttributeField.CUSTOM_PREFIX)
                ? index.custom(name.substring(AttributeField.CUSTOM_PREFIX.length()))
                : Optional.of(index.column(name));
        EvaluationContext context = context();
        RoaringBitmap result = new RoaringBitmap();
        if (holds(criterion, null, context)) {
            result.or(RoaringBitmap.andNot(index.live(), found.map(Column::present).orElseGet(RoaringBitmap::new)));
        }
        if (found.isEmpty()) {
            return result;
        }
        Column column = found.get();
        for (int id = 1; id <= column.size(); id++) {
            RoaringBitmap holders = column.holders(id);
            if (!holders.isEmpty() && holds(criterion, column.value(id), context)) {
                result.or(holders);
            }
        }
        return result;
    }

    /** The criterion's verdict on a member whose field holds {@code value} ({@code null}: none). */
    private static boolean holds(AttributeCriterion criterion, String value, EvaluationContext context) {
        MemberProfile profile;
        try {
            profile = value == null ? MemberProfile.EMPTY : profileWith(criterion.field(), value);
        } catch (RuleViolation unreadable) {
            return false;
        }
        return criterion.matches(new Candidate(PROBE, MemberStatus.ACTIVE, profile), context).matched();
    }

    /** A profile with only {@code field} set, as the in-memory path would read it. */
    private static MemberProfile profileWith(AttributeField field, String v) {
        return switch (field.name()) {
            case "department" -> new MemberProfile(null, null, v, null, null, null, null, null, null, null, null, null);
            case "location" -> new MemberProfile(null, null, null, v, null, null, null, null, null, null, null, null);
            case "jobTitle" -> new MemberProfile(null, null, null, null, v, null, null, null, null, null, null, null);
            case "managerId" -> new MemberProfile(null, null, null, null, null, UserId.of(v.strip()), null, null, null,
                    null, null, null);
            case "orgUnitPath" -> new MemberProfile(null, null, null, null, null, null, v, null, null, null, null,
                    null);
            case "employeeType" -> new MemberProfile(null, null, null, null, null, null, null, v, null, null, null,
                    null);
            case "costCenter" -> new MemberProfile(null, null, null, null, null, null, null, null, v, null, null,
                    null);
            case "userType" -> new MemberProfile(null, null, null, null, null, null, null, null, null, v, null, null);
            default -> new MemberProfile(null, null, null, null, null, null, null, null, null, null,
                    Map.of(field.name().substring(AttributeField.CUSTOM_PREFIX.length()), v), null);
        };
    }

    // ---- reports_to ----

    /**
     * The members whose reporting chain holds the manager: at the first level only, or at any level. Walks down from
     * the manager one level at a time, each level the union of the bitmaps of those who report to the level above,
     * never entering a member twice, so that a cycle ends the walk; the manager is never their own report, as a
     * chain never holds the member it starts from.
     */
    private RoaringBitmap reportsTo(ReportsToCriterion criterion) {
        Optional<String> manager = lookups.resolveMember(criterion.managerId());
        if (manager.isEmpty()) {
            return new RoaringBitmap();
        }
        Column managers = index.column("managerId");
        Optional<Integer> self = index.ordinal(manager.get());
        RoaringBitmap level = managers.holders(manager.get()).clone();
        self.ifPresent(level::remove);
        if (!criterion.includeNested()) {
            return level;
        }
        RoaringBitmap reached = level.clone();
        for (int depth = 1; depth < EvaluationContext.MAX_CHAIN && !level.isEmpty(); depth++) {
            RoaringBitmap next = new RoaringBitmap();
            level.forEach((IntConsumer) ordinal -> next.or(managers.holders(index.userId(ordinal))));
            next.andNot(reached);
            self.ifPresent(next::remove);
            reached.or(next);
            level = next;
        }
        return reached;
    }

    // ---- what an attribute criterion may ask ----

    private EvaluationContext context() {
        return new AttributeCriteriaContext(orgId, lookups::parents);
    }
}
