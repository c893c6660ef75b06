package circles.application;

import circles.application.port.in.member.ImportMembersUseCase.Outcome;
import circles.application.port.out.member.MemberImportStore;
import circles.domain.actor.UserId;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.group.GroupRole;
import circles.domain.group.Membership;
import circles.domain.group.MembershipStatus;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The import store over the in-memory database; counts what the service asked of it. */
public final class InMemoryMemberImportStore implements MemberImportStore {
    private final InMemoryDatabase db;
    public int currentLookups;
    public int stagedBatches;

    public InMemoryMemberImportStore(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Staging open(OrgId orgId) {
        db.requireTransaction();
        return new MemoryStaging(orgId);
    }

    @Override
    public Map<UserId, CurrentMember> current(OrgId orgId, Collection<UserId> userIds) {
        currentLookups++;
        Map<UserId, CurrentMember> found = new HashMap<>();
        for (UserId userId : userIds) {
            OrgMember member = db.orgMembers.get(new InMemoryDatabase.OrgMemberKey(orgId, userId));
            if (member != null) {
                found.put(userId, new CurrentMember(userId, member.role(), member.status(),
                        member.profile().managerId(), member.profile().customAttributes().keySet()));
            }
        }
        return found;
    }

    @Override
    public Map<String, List<UserId>> membersByEmail(OrgId orgId, Collection<String> emails) {
        Set<String> wanted = new HashSet<>();
        emails.forEach(email -> wanted.add(email.toLowerCase(Locale.ROOT)));
        Map<String, List<UserId>> found = new HashMap<>();
        db.orgMembers.values().stream()
                .filter(member -> member.orgId().equals(orgId) && member.profile().email() != null)
                .forEach(member -> {
                    String email = member.profile().email().toLowerCase(Locale.ROOT);
                    if (wanted.contains(email)) {
                        found.computeIfAbsent(email, ignored -> new ArrayList<>()).add(member.userId());
                    }
                });
        return found;
    }

    private final class MemoryStaging implements Staging {
        private final OrgId orgId;
        private final Map<Integer, StagedRow> rows = new LinkedHashMap<>();
        private final Map<Integer, Outcome> outcomes = new HashMap<>();

        MemoryStaging(OrgId orgId) {
            this.orgId = orgId;
        }

        @Override
        public void stage(List<StagedRow> batch) {
            stagedBatches++;
            batch.forEach(row -> rows.put(row.index(), row));
        }

        @Override
        public void discard(Collection<Integer> indices) {
            indices.forEach(rows::remove);
        }

        @Override
        public Counts classify() {
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            for (StagedRow row : rows.values()) {
                OrgMember member = db.orgMembers.get(new InMemoryDatabase.OrgMemberKey(orgId, row.userId()));
                Outcome outcome;
                if (member == null) {
                    outcome = Outcome.CREATED;
                    created++;
                } else if (row.profile().applyTo(member.profile()).equals(member.profile())
                        && (row.role() == null || row.role() == member.role())
                        && (row.status() == null || row.status() == member.status())) {
                    outcome = Outcome.UNCHANGED;
                    unchanged++;
                } else {
                    outcome = Outcome.UPDATED;
                    updated++;
                }
                outcomes.put(row.index(), outcome);
            }
            return new Counts(created, updated, unchanged);
        }

        @Override
        public List<StagedOutcome> changedRows(int limit) {
            // In file order, as the staging table is read: by index, whatever the order the rows were staged in.
            return rows.values().stream()
                    .sorted(Comparator.comparingInt(StagedRow::index))
                    .filter(row -> outcomes.get(row.index()) != Outcome.UNCHANGED)
                    .limit(limit)
                    .map(row -> new StagedOutcome(row.index(), row.userId(), outcomes.get(row.index())))
                    .toList();
        }

        @Override
        public void write(Instant now, List<GroupId> autoAddGroups) {
            db.requireTransaction();
            for (StagedRow row : rows.values()) {
                InMemoryDatabase.OrgMemberKey key = new InMemoryDatabase.OrgMemberKey(orgId, row.userId());
                OrgMember member = db.orgMembers.get(key);
                switch (outcomes.get(row.index())) {
                    case CREATED -> {
                        db.users.putIfAbsent(row.userId(), new InMemoryDatabase.KnownUser(row.userId(), null, null));
                        OrgMember joined = OrgMember.join(orgId, row.userId(),
                                row.role() == null ? OrgRole.MEMBER : row.role(),
                                row.profile().applyTo(MemberProfile.EMPTY), now);
                        if (row.status() != null && row.status() != MemberStatus.ACTIVE) {
                            joined.changeStatus(row.status(), now);
                        }
                        db.orgMembers.put(key, InMemoryDatabase.copy(joined, 1));
                        for (GroupId groupId : autoAddGroups) {
                            Group group = db.groups.get(groupId);
                            Membership membership = Membership.start(group, row.userId(),
                                    Membership.Terms.of(GroupRole.MEMBER, MembershipStatus.ACTIVE), null, now);
                            db.memberships.putIfAbsent(new InMemoryDatabase.MemberKey(groupId, row.userId()),
                                    membership);
                        }
                    }
                    case UPDATED -> {
                        OrgMember changed = OrgMember.restore(orgId, row.userId(),
                                row.role() == null ? member.role() : row.role(),
                                row.status() == null ? member.status() : row.status(),
                                row.profile().applyTo(member.profile()), member.joinedAt(), member.version() + 1,
                                now);
                        db.orgMembers.put(key, changed);
                    }
                    default -> {
                    }
                }
            }
        }
    }
}
