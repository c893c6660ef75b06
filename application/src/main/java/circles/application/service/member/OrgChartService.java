package circles.application.service.member;

import circles.application.port.in.member.GetOrgChartUseCase;
import circles.application.port.out.member.OrgChartReader;
import circles.application.port.out.member.OrgChartReader.Entry;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.domain.shared.NotFound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The org chart, read level by level: one query per level however many nodes it holds, and never more than
 * {@link #MAX_NODES} nodes in one answer. Any member of the org may read it.
 */
public final class OrgChartService implements GetOrgChartUseCase {
    private final UnitOfWork tx;
    private final Access access;
    private final OrgChartReader reader;

    public OrgChartService(UnitOfWork tx, Access access, OrgChartReader reader) {
        this.tx = tx;
        this.access = access;
        this.reader = reader;
    }

    @Override
    public OrgChart chart(Query query) {
        return tx.inTransaction(() -> {
            access.requireOrgMember(query.orgId());
            Entry root = query.root() == null ? null : reader.node(query.orgId(), query.view(), query.root())
                    .orElseThrow(() -> new NotFound(query.view() == View.DEPARTMENT ? "department" : "org-member",
                            query.root()));
            Page<Entry> top = reader.children(query.orgId(), query.view(), query.root(), query.page());
            int budget = MAX_NODES - top.items().size();
            // Children of each listed node, level by level, as deep as asked and as far as the budget goes.
            Map<String, Page<Entry>> childrenOf = new HashMap<>();
            List<Entry> level = top.items();
            for (int depth = 2; depth <= query.depth() && budget > 0 && !level.isEmpty(); depth++) {
                List<String> parents = level.stream().filter(entry -> entry.childCount() > 0).map(Entry::id).toList();
                if (parents.isEmpty()) {
                    break;
                }
                int each = Math.min(query.page().limit(), Math.max(1, budget / parents.size()));
                Map<String, Page<Entry>> found = reader.children(query.orgId(), query.view(), parents, each);
                List<Entry> next = new ArrayList<>();
                for (String parent : parents) {
                    Page<Entry> children = found.get(parent);
                    if (children == null || children.items().size() > budget) {
                        continue; // Left out whole: the node still tells its childCount, root = id lists them.
                    }
                    budget -= children.items().size();
                    childrenOf.put(parent, children);
                    next.addAll(children.items());
                }
                level = next;
            }
            return new OrgChart(query.view(), root == null ? null : node(root, Map.of()),
                    top.items().stream().map(entry -> node(entry, childrenOf)).toList(), top.nextCursor());
        });
    }

    private static Node node(Entry entry, Map<String, Page<Entry>> childrenOf) {
        Page<Entry> children = childrenOf.get(entry.id());
        List<Node> listed = children == null ? List.of()
                : children.items().stream().map(child -> node(child, childrenOf)).toList();
        Person manager = entry.managerId() == null ? null : new Person(entry.managerId(), entry.managerName());
        return new Node(entry.id(), entry.name(), entry.jobTitle(), entry.department(),
                entry.status() == null ? null : entry.status().name().toLowerCase(Locale.ROOT), manager,
                entry.memberCount(), entry.childCount(), listed, children == null ? null : children.nextCursor());
    }
}
