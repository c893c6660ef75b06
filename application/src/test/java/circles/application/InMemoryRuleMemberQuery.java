package circles.application;

import circles.application.port.out.dynamic.RuleMemberQuery;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.UserId;
import circles.domain.criterion.AllMembersCriterion;
import circles.domain.criterion.activity.ActivityScoreCriterion;
import circles.domain.criterion.activity.InactiveForCriterion;
import circles.domain.criterion.activity.LastActiveWithinCriterion;
import circles.domain.criterion.attribute.AttributeCriterion;
import circles.domain.criterion.reporting.ReportsToCriterion;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.rule.OrgSnapshot;
import circles.domain.rule.Rule;
import circles.domain.rule.RuleEvaluator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The store's set-based path played in memory: it supports the rules the PostgreSQL adapter translates to one
 * statement (attribute, reports_to, all_members and the activity criteria; never member_of), judges them with the
 * domain's evaluator over the stored org (activity criteria read the activity their registry was given), and counts
 * how it was asked, so that tests see which path a service took.
 */
public final class InMemoryRuleMemberQuery implements RuleMemberQuery {
    private final OrgMemberRepository orgMembers;
    private final MasterDataRepository masterData;
    private final RuleEvaluator evaluator = new RuleEvaluator();
    private int membersCalls;
    private int countCalls;
    private int firstMembersCalls;

    public InMemoryRuleMemberQuery(OrgMemberRepository orgMembers, MasterDataRepository masterData) {
        this.orgMembers = orgMembers;
        this.masterData = masterData;
    }

    /** How often the members were asked for. */
    public int membersCalls() {
        return membersCalls;
    }

    public int countCalls() {
        return countCalls;
    }

    public int firstMembersCalls() {
        return firstMembersCalls;
    }

    public int calls() {
        return membersCalls + countCalls + firstMembersCalls;
    }

    @Override
    public boolean supports(Rule rule) {
        return rule.criteria().stream().allMatch(c -> c instanceof AttributeCriterion
                || c instanceof ReportsToCriterion || c instanceof AllMembersCriterion
                || c instanceof LastActiveWithinCriterion || c instanceof InactiveForCriterion
                || c instanceof ActivityScoreCriterion);
    }

    @Override
    public Set<UserId> members(OrgId orgId, Rule rule) {
        return members(orgId, rule, Instant.now());
    }

    @Override
    public long count(OrgId orgId, Rule rule) {
        return count(orgId, rule, Instant.now());
    }

    @Override
    public Set<UserId> members(OrgId orgId, Rule rule, Instant now) {
        membersCalls++;
        return select(orgId, rule, now);
    }

    @Override
    public long count(OrgId orgId, Rule rule, Instant now) {
        countCalls++;
        return select(orgId, rule, now).size();
    }

    @Override
    public List<UserId> firstMembers(OrgId orgId, Rule rule, Instant now, int limit) {
        firstMembersCalls++;
        return select(orgId, rule, now).stream().sorted().limit(limit).toList();
    }

    private Set<UserId> select(OrgId orgId, Rule rule, Instant now) {
        if (!supports(rule)) {
            throw new IllegalArgumentException("the rule has criteria only the in-memory path judges");
        }
        List<OrgMember> members = all(page -> orgMembers.list(orgId,
                new OrgMemberRepository.Filter(null, null, null), page));
        List<MasterDataNode> nodes = new ArrayList<>();
        for (MasterDataKind kind : MasterDataKind.values()) {
            if (kind.isTree()) {
                nodes.addAll(all(page -> masterData.list(orgId, kind, MasterDataRepository.Filter.ALL, page)));
            }
        }
        OrgSnapshot org = OrgSnapshot.of(orgId, now, members, nodes, Map.of());
        return evaluator.members(rule, org.memberIds(), org);
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> fetch) {
        List<T> items = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = fetch.apply(new PageRequest(PageRequest.MAX_LIMIT, cursor));
            items.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return items;
    }
}
