package circles.application.service.member;

import circles.application.InMemoryCircles;
import circles.application.port.in.member.GetDataQualityUseCase;
import circles.application.port.in.member.GetOrgChartUseCase.Node;
import circles.application.port.in.member.GetOrgChartUseCase.OrgChart;
import circles.application.port.in.member.GetOrgChartUseCase.Query;
import circles.application.port.in.member.GetOrgChartUseCase.View;
import circles.application.port.out.member.OrgChartReader;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The org chart's levels, bounds and rights, over a reporting tree kept in a map. */
class OrgChartServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final OrgId acme = circles.org("acme", "ana");
    /** Manager to reports; "" is the top. */
    private final Map<String, List<String>> reports = new LinkedHashMap<>();
    private final TreeReader reader = new TreeReader();
    private final OrgChartService charts = new OrgChartService(circles.tx, circles.access, reader);

    /** A reporting tree: ceo -> 3 vps -> 4 reports each. */
    OrgChartServiceTest() {
        reports.put("", List.of("ceo"));
        reports.put("ceo", List.of("vp0", "vp1", "vp2"));
        for (int vp = 0; vp < 3; vp++) {
            List<String> below = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                below.add("vp" + vp + "-r" + i);
            }
            reports.put("vp" + vp, below);
        }
    }

    private final class TreeReader implements OrgChartReader {
        int levelQueries;

        private Entry entry(String id) {
            return new Entry(id, id.toUpperCase(), null, null, null, null, null, null,
                    reports.getOrDefault(id, List.of()).size());
        }

        @Override
        public Optional<Entry> node(OrgId orgId, View view, String id) {
            return reports.values().stream().anyMatch(list -> list.contains(id)) ? Optional.of(entry(id))
                    : Optional.empty();
        }

        @Override
        public Page<Entry> children(OrgId orgId, View view, String parentId, PageRequest page) {
            List<String> all = reports.getOrDefault(parentId == null ? "" : parentId, List.of());
            int from = page.cursor() == null ? 0 : all.indexOf(page.cursor()) + 1;
            List<String> slice = all.subList(from, Math.min(all.size(), from + page.limit()));
            String next = from + page.limit() < all.size() ? slice.getLast() : null;
            return new Page<>(slice.stream().map(this::entry).toList(), next);
        }

        @Override
        public Map<String, Page<Entry>> children(OrgId orgId, View view, Collection<String> parentIds, int limit) {
            levelQueries++;
            Map<String, Page<Entry>> pages = new LinkedHashMap<>();
            parentIds.forEach(parent -> pages.put(parent, children(orgId, view, parent, PageRequest.first(limit))));
            return pages;
        }
    }

    private OrgChart chart(String root, int depth, int limit) {
        return charts.chart(new Query(acme, View.REPORTING, root, depth, PageRequest.first(limit)));
    }

    @Test
    void the_chart_goes_as_deep_as_asked_with_one_query_per_level() {
        circles.as("ana");

        OrgChart chart = chart(null, 3, 50);

        Node ceo = chart.items().getFirst();
        assertThat(ceo.children()).extracting(Node::id).containsExactly("vp0", "vp1", "vp2");
        assertThat(ceo.children().getFirst().children()).hasSize(4);
        assertThat(ceo.children().getFirst().children().getFirst().children()).isEmpty();
        assertThat(reader.levelQueries).isEqualTo(2);
        assertThat(chart(null, 1, 50).items().getFirst().children()).isEmpty();
    }

    @Test
    void each_node_lists_at_most_the_limit_of_children_and_says_where_to_continue() {
        circles.as("ana");

        OrgChart chart = chart("ceo", 2, 2);

        assertThat(chart.root().id()).isEqualTo("ceo");
        assertThat(chart.items()).extracting(Node::id).containsExactly("vp0", "vp1");
        assertThat(chart.nextCursor()).isEqualTo("vp1");
        Node vp0 = chart.items().getFirst();
        assertThat(vp0.children()).extracting(Node::id).containsExactly("vp0-r0", "vp0-r1");
        assertThat(vp0.childCount()).isEqualTo(4);
        assertThat(vp0.childrenCursor()).isEqualTo("vp0-r1");
    }

    @Test
    void an_unknown_root_is_missing_and_the_depth_is_bounded() {
        circles.as("ana");

        assertThatThrownBy(() -> chart("nobody", 3, 50)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> chart(null, 11, 50)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void members_read_the_chart_but_not_the_data_quality_report() {
        circles.joinOrg(acme, "bo", OrgRole.MEMBER);
        circles.as("bo");

        assertThat(chart(null, 1, 50).items()).isNotEmpty();
        DataQualityService quality = new DataQualityService(circles.tx, circles.access, null);
        assertThatThrownBy(() -> quality.report(new GetDataQualityUseCase.Query(acme, null, PageRequest.first(10))))
                .isInstanceOf(NotAllowed.class);
    }
}
