package circles.domain.access;

import circles.domain.Fixtures;
import circles.domain.org.OrgRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrgAccessTest {

    @Test
    void platform_admin_is_everything_in_every_org() {
        OrgAccess access = new OrgAccess(Fixtures.platformAdmin("root"), null);
        assertThat(access.isMember()).isTrue();
        assertThat(access.administers()).isTrue();
        assertThat(access.decidesAdmins()).isTrue();
        assertThat(access.mayManageMembers()).isTrue();
        assertThat(access.mayCreateGroups()).isTrue();
        assertThat(access.mayReadAudit()).isTrue();
    }

    @Test
    void admin_administers_and_decides_admins() {
        OrgAccess access = new OrgAccess(Fixtures.user("ana"), OrgRole.ADMIN);
        assertThat(access.administers()).isTrue();
        assertThat(access.decidesAdmins()).isTrue();
        assertThat(access.mayCreateGroups()).isTrue();
    }

    @Test
    void it_admin_administers_but_does_not_decide_admins() {
        OrgAccess access = new OrgAccess(Fixtures.user("ana"), OrgRole.IT_ADMIN);
        assertThat(access.isMember()).isTrue();
        assertThat(access.administers()).isTrue();
        assertThat(access.mayManageMembers()).isTrue();
        assertThat(access.mayCreateGroups()).isTrue();
        assertThat(access.mayReadAudit()).isTrue();
        assertThat(access.decidesAdmins()).isFalse();
    }

    @Test
    void member_reads_the_directory_only() {
        OrgAccess access = new OrgAccess(Fixtures.user("ana"), OrgRole.MEMBER);
        assertThat(access.isMember()).isTrue();
        assertThat(access.mayReadDirectory()).isTrue();
        assertThat(access.administers()).isFalse();
        assertThat(access.mayManageMembers()).isFalse();
        assertThat(access.mayCreateGroups()).isFalse();
        assertThat(access.mayReadAudit()).isFalse();
        assertThat(access.decidesAdmins()).isFalse();
    }

    @Test
    void outsider_has_nothing() {
        OrgAccess access = new OrgAccess(Fixtures.user("ana"), null);
        assertThat(access.isMember()).isFalse();
        assertThat(access.mayReadDirectory()).isFalse();
        assertThat(access.administers()).isFalse();
        assertThat(access.decidesAdmins()).isFalse();
    }
}
