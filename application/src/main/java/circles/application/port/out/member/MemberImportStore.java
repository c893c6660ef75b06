package circles.application.port.out.member;

import circles.application.port.in.member.ImportMembersUseCase.Outcome;
import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.org.ProfilePatch;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Set-based storage for member imports. The rows of one import are staged as they are read (nothing but
 * small lookups stays in memory), checked by the import use case, and then written in a few statements rather
 * than one member at a time. Everything happens in the current transaction.
 */
public interface MemberImportStore {
    /** A new, empty staging area for one import of the org's members. */
    Staging open(OrgId orgId);

    /** What the import needs to know of a member who exists already. */
    record CurrentMember(UserId userId, OrgRole role, MemberStatus status, UserId managerId,
                         Set<String> customAttributeKeys) {
        public CurrentMember {
            customAttributeKeys = Set.copyOf(customAttributeKeys);
        }
    }

    /** The members among {@code userIds} (any status), by id. */
    Map<UserId, CurrentMember> current(OrgId orgId, Collection<UserId> userIds);

    /** The members whose email is one of {@code emails} (compared case-insensitively), by lower-case email. */
    Map<String, List<UserId>> membersByEmail(OrgId orgId, Collection<String> emails);

    /**
     * A row that passed the checks of its own: who it is about and what it changes. A {@code null} role or
     * status leaves the stored one (a new member becomes an active {@code member}).
     */
    record StagedRow(int index, UserId userId, ProfilePatch profile, OrgRole role, MemberStatus status) {
    }

    record Counts(int created, int updated, int unchanged) {
    }

    /** A staged row and what writing it does (or would do). */
    record StagedOutcome(int index, UserId userId, Outcome outcome) {
    }

    interface Staging {
        void stage(List<StagedRow> rows);

        /** Removes rows that failed a rule of the whole file; they are neither classified nor written. */
        void discard(Collection<Integer> indices);

        /** Decides for every staged row whether it creates a member, changes one or changes nothing. */
        Counts classify();

        /** The first {@code limit} created or updated rows, in file order (after {@link #classify}). */
        List<StagedOutcome> changedRows(int limit);

        /**
         * Writes the classified rows: new members (users unknown so far become known) and changed profiles, roles
         * and statuses; the new members join {@code autoAddGroups} as active members.
         */
        void write(Instant now, List<GroupId> autoAddGroups);
    }
}
