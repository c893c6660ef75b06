package circles.application.service.member;

import circles.application.port.out.member.MemberImportStore.CurrentMember;
import circles.domain.actor.UserId;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgRole;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MemberImportRosterTest {
    private final MemberImportRoster roster = new MemberImportRoster();

    @Test
    void every_id_keeps_one_number_however_many_ids_there_are() {
        int count = 200_000;
        for (int i = 0; i < count; i++) {
            assertThat(roster.intern(UserId.of("member-" + i))).isEqualTo(i);
        }

        assertThat(roster.size()).isEqualTo(count);
        for (int i = 0; i < count; i += 997) {
            assertThat(roster.find(UserId.of("member-" + i))).isEqualTo(i);
            assertThat(roster.intern(UserId.of("member-" + i))).isEqualTo(i);
            assertThat(roster.userId(i)).isEqualTo(UserId.of("member-" + i));
        }
        assertThat(roster.find(UserId.of("member-" + count))).isEqualTo(MemberImportRoster.NONE);
        assertThat(roster.find(UserId.of("Member-1"))).isEqualTo(MemberImportRoster.NONE);
        assertThat(roster.size()).isEqualTo(count);
    }

    @Test
    void a_row_keeps_what_it_changes_and_what_is_stored() {
        int boss = roster.intern(UserId.of("boss"));
        int bo = roster.intern(UserId.of("bo"));
        roster.addRow(bo, 7, new CurrentMember(UserId.of("bo"), OrgRole.ADMIN, MemberStatus.SUSPENDED,
                UserId.of("old-boss"), Set.of()), Optional.of(UserId.of("boss")), null, MemberStatus.ACTIVE);
        int fresh = roster.intern(UserId.of("fresh"));
        roster.addRow(fresh, 8, null, Optional.empty(), OrgRole.IT_ADMIN, null);

        assertThat(roster.isRow(bo)).isTrue();
        assertThat(roster.rowIndex(bo)).isEqualTo(7);
        assertThat(roster.exists(bo)).isTrue();
        assertThat(roster.managerAfter(bo)).isEqualTo(boss);
        assertThat(roster.roleAfter(bo)).isEqualTo(OrgRole.ADMIN);
        assertThat(roster.statusAfter(bo)).isEqualTo(MemberStatus.ACTIVE);
        assertThat(roster.isRow(boss)).isFalse();
        assertThat(roster.isLookedUp(boss)).isFalse();

        assertThat(roster.exists(fresh)).isFalse();
        assertThat(roster.isLookedUp(fresh)).isTrue();
        assertThat(roster.setsManager(fresh)).isTrue();
        assertThat(roster.newManager(fresh)).isEqualTo(MemberImportRoster.NONE);
        assertThat(roster.roleAfter(fresh)).isEqualTo(OrgRole.IT_ADMIN);
        assertThat(roster.statusAfter(fresh)).isEqualTo(MemberStatus.ACTIVE);

        roster.fail(bo);
        assertThat(roster.live(bo)).isFalse();
        assertThat(roster.managerAfter(bo)).isEqualTo(roster.find(UserId.of("old-boss")));
        assertThat(roster.newRole(fresh)).isEqualTo(OrgRole.IT_ADMIN);
    }
}
