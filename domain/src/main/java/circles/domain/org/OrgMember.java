package circles.domain.org;

import circles.domain.actor.UserId;

import java.time.Instant;

/** A user inside an org: their org role, status and org-specific profile. */
public final class OrgMember {
    private final OrgId orgId;
    private final UserId userId;
    private OrgRole role;
    private MemberStatus status;
    private MemberProfile profile;
    private final Instant joinedAt;
    private final long version;
    private Instant updatedAt;

    private OrgMember(OrgId orgId, UserId userId, OrgRole role, MemberStatus status, MemberProfile profile,
                      Instant joinedAt, long version, Instant updatedAt) {
        this.orgId = orgId;
        this.userId = userId;
        this.role = role;
        this.status = status;
        this.profile = profile;
        this.joinedAt = joinedAt;
        this.version = version;
        this.updatedAt = updatedAt;
    }

    public static OrgMember join(OrgId orgId, UserId userId, OrgRole role, MemberProfile profile, Instant now) {
        return new OrgMember(orgId, userId, role, MemberStatus.ACTIVE, profile, now, 0, now);
    }

    public static OrgMember restore(OrgId orgId, UserId userId, OrgRole role, MemberStatus status,
                                    MemberProfile profile, Instant joinedAt, long version, Instant updatedAt) {
        return new OrgMember(orgId, userId, role, status, profile, joinedAt, version, updatedAt);
    }

    public void changeRole(OrgRole newRole, Instant now) {
        this.role = newRole;
        this.updatedAt = now;
    }

    public void changeStatus(MemberStatus newStatus, Instant now) {
        this.status = newStatus;
        this.updatedAt = now;
    }

    public void changeProfile(MemberProfile newProfile, Instant now) {
        this.profile = newProfile;
        this.updatedAt = now;
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }

    public OrgId orgId() { return orgId; }
    public UserId userId() { return userId; }
    public OrgRole role() { return role; }
    public MemberStatus status() { return status; }
    public MemberProfile profile() { return profile; }
    public Instant joinedAt() { return joinedAt; }
    public long version() { return version; }
    public Instant updatedAt() { return updatedAt; }
}
