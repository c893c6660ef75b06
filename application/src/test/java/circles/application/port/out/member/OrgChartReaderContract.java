package circles.application.port.out.member;

import circles.application.port.in.member.GetOrgChartUseCase.View;
import circles.application.port.out.masterdata.MasterDataRepository;
import circles.application.port.out.member.OrgChartReader.Entry;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.masterdata.MasterDataKey;
import circles.domain.masterdata.MasterDataKind;
import circles.domain.masterdata.MasterDataNode;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.Organization;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What callers of {@link OrgChartReader} rely on: a node of either view with its counts, and the children of one
 * parent (or of the top) in id order page by page, or of many parents at once, the first few each with the cursor of
 * the next (parents without children left out), all within one org. Served only by PostgreSQL: there is no in-memory
 * org chart reader, so only the adapter test extends this contract. Departments are written through the same
 * storage's master-data port.
 */
public abstract class OrgChartReaderContract {
    protected abstract PortFixture fixture();

    protected abstract OrgChartReader reader();

    protected abstract MasterDataRepository masterData();

    @Test
    void departments_come_with_their_manager_and_counts_and_their_children_by_key_page_by_page() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        String prefix = unique("m");
        UserId head = member(world, org.id(), prefix + "-head", "Hana Head", "eng", null, "CTO");
        member(world, org.id(), prefix + "-dev", "Dev", "eng", head, "Engineer");
        member(world, org.id(), prefix + "-api", "Api", "eng-backend", head, "Engineer");
        MasterDataNode eng = node(world, org.id(), "eng", "Engineering", null, head);
        node(world, org.id(), "eng-frontend", "Frontend", eng, null);
        node(world, org.id(), "eng-backend", "Backend", eng, null);
        node(world, org.id(), "hr", "People", null, null);

        Entry found = world.inOrg(org.id(), () -> reader().node(org.id(), View.DEPARTMENT, "eng")).orElseThrow();
        assertThat(found).isEqualTo(new Entry("eng", "Engineering", null, null, null, head.value(), "Hana Head", 2L,
                2));
        assertThat(world.inOrg(org.id(), () -> reader().node(org.id(), View.DEPARTMENT, "nothing"))).isEmpty();

        assertThat(children(world, org.id(), View.DEPARTMENT, null)).extracting(Entry::id)
                .containsExactly("eng", "hr");
        assertThat(children(world, org.id(), View.DEPARTMENT, "eng")).extracting(Entry::id, Entry::memberCount)
                .containsExactly(tuple("eng-backend", 1L),
                        tuple("eng-frontend", 0L));

        Map<String, Page<Entry>> firsts = world.inOrg(org.id(), () -> reader().children(org.id(), View.DEPARTMENT,
                List.of("eng", "hr"), 1));
        assertThat(firsts).containsOnlyKeys("eng");
        assertThat(firsts.get("eng").items()).extracting(Entry::id).containsExactly("eng-backend");
        String next = firsts.get("eng").nextCursor();
        assertThat(next).isNotNull();
        assertThat(world.inOrg(org.id(), () -> reader().children(org.id(), View.DEPARTMENT, "eng",
                new PageRequest(1, next))).items()).extracting(Entry::id).containsExactly("eng-frontend");

        Organization other = world.newOrg();
        assertThat(world.inOrg(other.id(), () -> reader().node(other.id(), View.DEPARTMENT, "eng"))).isEmpty();
        assertThat(children(world, other.id(), View.DEPARTMENT, null)).isEmpty();
    }

    @Test
    void members_come_with_their_direct_report_count_and_their_reports_by_user_id_page_by_page() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        String prefix = unique("m");
        UserId top = member(world, org.id(), prefix + "-top", "Top", "board", null, "CEO");
        UserId loner = member(world, org.id(), prefix + "-loner", "Loner", null, null, null);
        UserId lead = member(world, org.id(), prefix + "-lead", "Lead", "eng", top, "Lead");
        UserId c = member(world, org.id(), prefix + "-c", "C", "eng", lead, "Engineer");
        UserId a = member(world, org.id(), prefix + "-a", "A", "eng", lead, "Engineer");
        UserId b = member(world, org.id(), prefix + "-b", "B", "eng", lead, "Engineer");
        member(world, world.newOrg().id(), prefix + "-elsewhere", "Elsewhere", null, null, null);

        assertThat(world.inOrg(org.id(), () -> reader().node(org.id(), View.REPORTING, lead.value())))
                .contains(new Entry(lead.value(), "Lead", "Lead", "eng", MemberStatus.ACTIVE, null, null, null, 3));
        assertThat(children(world, org.id(), View.REPORTING, null)).extracting(Entry::id)
                .containsExactly(loner.value(), top.value());
        assertThat(children(world, org.id(), View.REPORTING, lead.value())).extracting(Entry::id)
                .containsExactly(a.value(), b.value(), c.value());

        Map<String, Page<Entry>> firsts = world.inOrg(org.id(), () -> reader().children(org.id(), View.REPORTING,
                List.of(top.value(), lead.value(), a.value()), 2));
        assertThat(firsts).containsOnlyKeys(top.value(), lead.value());
        assertThat(firsts.get(top.value()).items()).extracting(Entry::id).containsExactly(lead.value());
        assertThat(firsts.get(top.value()).nextCursor()).isNull();
        assertThat(firsts.get(lead.value()).items()).extracting(Entry::id).containsExactly(a.value(), b.value());
        assertThat(world.inOrg(org.id(), () -> reader().children(org.id(), View.REPORTING, lead.value(),
                new PageRequest(2, firsts.get(lead.value()).nextCursor()))).items()).extracting(Entry::id)
                .containsExactly(c.value());
    }

    /** Every child of the parent, read one at a time. */
    private List<Entry> children(PortFixture world, OrgId orgId, View view, String parentId) {
        List<Entry> found = new ArrayList<>();
        PageRequest request = PageRequest.first(1);
        while (request != null) {
            PageRequest current = request;
            Page<Entry> page = world.inOrg(orgId, () -> reader().children(orgId, view, parentId, current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(1);
            found.addAll(page.items());
            request = page.nextCursor() == null ? null : new PageRequest(1, page.nextCursor());
        }
        return found;
    }

    private MasterDataNode node(PortFixture world, OrgId orgId, String key, String name, MasterDataNode parent,
                                UserId manager) {
        return world.inOrg(orgId, () -> masterData().save(MasterDataNode.create(orgId, MasterDataKind.DEPARTMENT,
                MasterDataKey.of(key), name, parent, manager, world.now())));
    }

    private static UserId member(PortFixture world, OrgId orgId, String id, String name, String department,
                                 UserId manager, String jobTitle) {
        UserId userId = new UserId(id);
        world.inOrg(orgId, () -> {
            world.users().ensureExist(List.of(userId));
            world.orgMembers().save(OrgMember.join(orgId, userId, OrgRole.MEMBER, new MemberProfile(null, name,
                    department, null, jobTitle, manager, null, null, null, null, Map.of(), null), world.now()));
        });
        return userId;
    }
}
