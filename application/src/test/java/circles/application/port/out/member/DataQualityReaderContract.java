package circles.application.port.out.member;

import circles.application.port.in.member.GetDataQualityUseCase.Finding;
import circles.application.port.in.member.GetDataQualityUseCase.Sample;
import circles.application.port.in.member.GetDataQualityUseCase.Suggestion;
import circles.application.port.out.masterdata.MasterDataRepository;
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
 * What callers of {@link DataQualityReader} rely on: profile values that name no master-data entry, counted by member
 * and sampled by value with the entries most like them; members without a manager or with an inactive one; departments
 * with no member in them or below them; samples in the order of their ids, page by page, and every finding of one org
 * only. Served only by PostgreSQL (trigram similarity): there is no in-memory data-quality reader, so only the adapter
 * test extends this contract. The master data are written through the same storage's master-data port.
 */
public abstract class DataQualityReaderContract {
    protected abstract PortFixture fixture();

    protected abstract DataQualityReader reader();

    protected abstract MasterDataRepository masterData();

    @Test
    void values_naming_no_entry_are_counted_by_member_sampled_by_value_and_matched_to_similar_entries() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        node(world, org.id(), "engineering", "Engineering", null);
        node(world, org.id(), "sales", "Sales", null);
        String prefix = unique("m");
        member(world, org.id(), prefix + "-a", "enginering", null, MemberStatus.ACTIVE);
        member(world, org.id(), prefix + "-b", "enginering", null, MemberStatus.ACTIVE);
        member(world, org.id(), prefix + "-c", "sales", null, MemberStatus.ACTIVE);
        member(world, org.id(), prefix + "-d", "zzz-unheard-of", null, MemberStatus.ACTIVE);
        member(world, org.id(), prefix + "-e", null, null, MemberStatus.ACTIVE);

        assertThat(count(world, org.id(), Finding.UNKNOWN_DEPARTMENT)).isEqualTo(3);
        List<Sample> samples = allSamples(world, org.id(), Finding.UNKNOWN_DEPARTMENT, 1);
        assertThat(samples).extracting(Sample::id, Sample::memberCount)
                .containsExactly(tuple("enginering", 2L),
                        tuple("zzz-unheard-of", 1L));
        assertThat(samples.getFirst().suggestions()).extracting(Suggestion::key).startsWith("engineering")
                .doesNotContain("sales");
        assertThat(samples.getFirst().suggestions().getFirst().similarity()).isBetween(0.3, 1.0);
        assertThat(samples.getLast().suggestions()).isEmpty();
        assertThat(count(world, org.id(), Finding.UNKNOWN_LOCATION)).isZero();
        Organization other = world.newOrg();
        assertThat(count(world, other.id(), Finding.UNKNOWN_DEPARTMENT)).isZero();
    }

    @Test
    void members_without_a_manager_or_with_an_inactive_one_are_found_by_user_id() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        String prefix = unique("m");
        UserId boss = member(world, org.id(), prefix + "-boss", null, null, MemberStatus.SUSPENDED);
        UserId lead = member(world, org.id(), prefix + "-lead", null, null, MemberStatus.ACTIVE);
        UserId b = member(world, org.id(), prefix + "-b", null, boss, MemberStatus.ACTIVE);
        UserId a = member(world, org.id(), prefix + "-a", null, boss, MemberStatus.ACTIVE);
        member(world, org.id(), prefix + "-c", null, lead, MemberStatus.ACTIVE);

        assertThat(count(world, org.id(), Finding.MISSING_MANAGER)).isEqualTo(2);
        assertThat(allSamples(world, org.id(), Finding.MISSING_MANAGER, 1)).extracting(Sample::id)
                .containsExactly(boss.value(), lead.value());
        assertThat(count(world, org.id(), Finding.INACTIVE_MANAGER)).isEqualTo(2);
        List<Sample> inactive = allSamples(world, org.id(), Finding.INACTIVE_MANAGER, 1);
        assertThat(inactive).extracting(Sample::id).containsExactly(a.value(), b.value());
        assertThat(inactive).allSatisfy(sample -> {
            assertThat(sample.managerId()).isEqualTo(boss.value());
            assertThat(sample.managerStatus()).isEqualTo("suspended");
        });
        assertThat(allSamples(world, world.newOrg().id(), Finding.MISSING_MANAGER, 5)).isEmpty();
    }

    @Test
    void a_department_with_no_member_in_it_or_below_it_is_empty() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        MasterDataNode eng = node(world, org.id(), "eng", "Engineering", null);
        node(world, org.id(), "eng-backend", "Backend", eng);
        node(world, org.id(), "eng-frontend", "Frontend", eng);
        node(world, org.id(), "hr", "People", null);
        member(world, org.id(), unique("m"), "eng-backend", null, MemberStatus.ACTIVE);

        assertThat(count(world, org.id(), Finding.EMPTY_DEPARTMENT)).isEqualTo(2);
        assertThat(allSamples(world, org.id(), Finding.EMPTY_DEPARTMENT, 1)).extracting(Sample::id, Sample::label)
                .containsExactly(tuple("eng-frontend", "Frontend"),
                        tuple("hr", "People"));
    }

    private long count(PortFixture world, OrgId orgId, Finding finding) {
        return world.inOrg(orgId, () -> reader().count(orgId, finding));
    }

    private List<Sample> allSamples(PortFixture world, OrgId orgId, Finding finding, int pageSize) {
        List<Sample> found = new ArrayList<>();
        PageRequest request = PageRequest.first(pageSize);
        while (request != null) {
            PageRequest current = request;
            Page<Sample> page = world.inOrg(orgId, () -> reader().samples(orgId, finding, current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            found.addAll(page.items());
            request = page.nextCursor() == null ? null : new PageRequest(pageSize, page.nextCursor());
        }
        return found;
    }

    private MasterDataNode node(PortFixture world, OrgId orgId, String key, String name, MasterDataNode parent) {
        return world.inOrg(orgId, () -> masterData().save(MasterDataNode.create(orgId, MasterDataKind.DEPARTMENT,
                MasterDataKey.of(key), name, parent, null, world.now())));
    }

    private static UserId member(PortFixture world, OrgId orgId, String id, String department, UserId manager,
                                 MemberStatus status) {
        UserId userId = new UserId(id);
        world.inOrg(orgId, () -> {
            world.users().ensureExist(List.of(userId));
            OrgMember member = OrgMember.join(orgId, userId, OrgRole.MEMBER, new MemberProfile(null, id,
                    department, null, null, manager, null, null, null, null, Map.of(), null), world.now());
            if (status != MemberStatus.ACTIVE) {
                member.changeStatus(status, world.now());
            }
            world.orgMembers().save(member);
        });
        return userId;
    }
}
