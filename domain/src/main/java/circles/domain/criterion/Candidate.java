package circles.domain.criterion;

import circles.domain.actor.UserId;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgMember;

import java.util.Objects;

/** A person a rule is evaluated for: an org member with their status and profile. */
public record Candidate(UserId userId, MemberStatus status, MemberProfile profile) {
    public Candidate {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        profile = profile == null ? MemberProfile.EMPTY : profile;
    }

    public static Candidate of(OrgMember member) {
        return new Candidate(member.userId(), member.status(), member.profile());
    }

    /** Only active org members are ever members of a dynamic group. */
    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }
}
