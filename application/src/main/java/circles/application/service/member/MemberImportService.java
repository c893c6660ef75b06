package circles.application.service.member;

import circles.application.port.in.member.ImportField;
import circles.application.port.in.member.ImportMembersUseCase;
import circles.application.port.in.member.ImportRow;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.event.DirectoryEvents;
import circles.application.port.out.group.GroupRepository;
import circles.application.port.out.member.MemberImportStore.CurrentMember;
import circles.application.port.out.member.MemberImportStore.StagedOutcome;
import circles.application.port.out.member.MemberImportStore.StagedRow;
import circles.application.port.out.member.MemberImportStore;
import circles.application.port.out.member.OrgMemberRepository;
import circles.application.port.out.member.ReportingLines;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.domain.access.OrgAccess;
import circles.domain.actor.UserId;
import circles.domain.directory.MembersImported;
import circles.domain.group.Group;
import circles.domain.group.GroupId;
import circles.domain.org.ActiveAdminPolicy;
import circles.domain.org.MemberProfile;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.org.ProfilePatch;
import circles.domain.org.ReportingLine;
import circles.domain.shared.DomainException;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntPredicate;

/**
 * The member import. Rows are read one at a time and checked on their own (values, matching by email, admin
 * rights), then staged in batches; only a compact entry per row stays in memory. Once the whole file is read,
 * the rules that need every row are applied until nothing changes: a manager must be a member or a row of the
 * file that succeeds, reporting lines must not form a cycle, and the org keeps an active admin. The staged rows
 * that survive are then classified and written set-based, with one batched change notification and one audit
 * event. The whole import is one transaction: nothing of a file that turns out malformed is ever written. That
 * transaction has a time limit of its own, sized for the largest body accepted, since a big file takes longer than
 * any other request.
 */
public final class MemberImportService implements ImportMembersUseCase {
    /** Rows are looked up and staged this many at a time. */
    static final int BATCH = 1_000;
    /** At most this many failures are listed in the 422 answer of an atomic import. */
    static final int MAX_PROBLEM_ERRORS = 1_000;

    private final UnitOfWork tx;
    private final Access access;
    private final MemberImportStore store;
    private final OrgMemberRepository orgMembers;
    private final GroupRepository groups;
    private final DirectoryEvents events;
    private final ReportingLines reportingLines;
    private final Audit audit;
    private final Clock clock;
    private final Duration transactionTimeout;
    private final int maxRows;

    /**
     * @param maxRows the most rows one import may have: what the rules of the whole file keep per row is small,
     *                but it is kept until the import ends, so the heap bounds the number of rows
     */
    public MemberImportService(UnitOfWork tx, Access access, MemberImportStore store, OrgMemberRepository orgMembers,
                               GroupRepository groups, ReportingLines reportingLines, DirectoryEvents events,
                               AuditLog auditLog, Clock clock, Duration transactionTimeout, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("an import must be allowed at least one row");
        }
        this.tx = tx;
        this.access = access;
        this.store = store;
        this.orgMembers = orgMembers;
        this.groups = groups;
        this.events = events;
        this.reportingLines = reportingLines;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
        this.transactionTimeout = transactionTimeout;
        this.maxRows = maxRows;
    }

    @Override
    public ImportReport importMembers(Command command) {
        return tx.inTransaction(transactionTimeout,
                () -> new Run(command, access.requireOrgAdmin(command.orgId())).execute());
    }

    /** A row that passed its own checks, waiting for its batch. */
    private record Pending(int index, UserId userId, String email, ProfilePatch profile, OrgRole role,
                           MemberStatus status) {
        Pending withUserId(UserId matched) {
            return new Pending(index, matched, email, profile, role, status);
        }
    }

    private final class Run {
        private final Command command;
        private final OrgId orgId;
        private final OrgAccess caller;
        private final MemberImportStore.Staging staging;
        private final MemberImportRoster roster = new MemberImportRoster();
        private final List<Pending> pending = new ArrayList<>(BATCH);
        private final List<RowReport> failures = new ArrayList<>();
        private final List<Integer> discarded = new ArrayList<>();
        private int failedCount;
        private int total;

        Run(Command command, OrgAccess caller) {
            this.command = command;
            this.orgId = command.orgId();
            this.caller = caller;
            this.staging = store.open(orgId);
        }

        ImportReport execute() {
            if (!command.dryRun()) {
                // Reporting lines are checked against the stored ones: no concurrent change may slip in between.
                reportingLines.lock(orgId);
            }
            Iterator<ImportRow> rows = command.rows();
            while (rows.hasNext()) {
                ImportRow row = rows.next();
                if (++total > maxRows) {
                    throw tooManyRows();
                }
                Pending checked = check(row);
                if (checked != null) {
                    pending.add(checked);
                    if (pending.size() == BATCH) {
                        flush();
                    }
                }
            }
            flush();
            applyFileRules();
            if (command.mode() == Mode.ATOMIC && failedCount > 0 && !command.dryRun()) {
                throw rejected();
            }
            staging.discard(discarded);
            MemberImportStore.Counts counts = staging.classify();
            if (!command.dryRun() && counts.created() + counts.updated() > 0) {
                write(counts);
            }
            return report(counts);
        }

        // --- one row on its own ----------------------------------------------------------------------

        private Pending check(ImportRow row) {
            if (!row.errors().isEmpty()) {
                String named = row.value(ImportField.USER_ID);
                fail(row.index(), named == null || named.isBlank() ? null : named.strip(), row.errors());
                return null;
            }
            List<FieldError> errors = new ArrayList<>();
            String userIdText = text(row, ImportField.USER_ID);
            UserId userId = null;
            if (userIdText != null) {
                try {
                    userId = new UserId(userIdText);
                } catch (DomainException e) {
                    errors.add(new FieldError("userId", "must be 1 to 255 printable characters"));
                }
            }
            String email = text(row, ImportField.EMAIL);
            if (userIdText == null && email == null) {
                errors.add(new FieldError("userId", "is required, or the email of a member of the org"));
            }
            OrgRole role = choice(row, ImportField.ROLE, OrgRole.class, errors);
            MemberStatus status = choice(row, ImportField.STATUS, MemberStatus.class, errors);
            Optional<UserId> manager = manager(row, errors);
            ProfilePatch profile = null;
            if (errors.isEmpty()) {
                profile = profile(row, manager, errors);
            }
            if (userId != null && manager != null && manager.isPresent() && manager.get().equals(userId)) {
                errors.add(ReportingLine.Verdict.SELF.fieldError("managerId"));
            }
            if (!errors.isEmpty()) {
                fail(row.index(), userId == null ? userIdText : userId.value(), errors);
                return null;
            }
            return new Pending(row.index(), userId, email, profile, role, status);
        }

        /** The row's profile changes, normalized and checked by the profile's own rules. */
        @SuppressWarnings("OptionalAssignedToNull")
        private ProfilePatch profile(ImportRow row, Optional<UserId> manager, List<FieldError> errors) {
            ProfilePatch.AttributeChanges attributes = null;
            if (row.clearCustomAttributes() || !row.customAttributes().isEmpty()) {
                Map<String, String> set = new LinkedHashMap<>();
                Set<String> removed = new HashSet<>();
                row.customAttributes().forEach((key, value) -> {
                    if (value == null || value.isEmpty()) {
                        removed.add(key);
                    } else {
                        set.put(key, value);
                    }
                });
                attributes = new ProfilePatch.AttributeChanges(row.clearCustomAttributes(), set, removed);
            }
            ProfilePatch raw = new ProfilePatch(optional(row, ImportField.EMAIL), optional(row, ImportField.DISPLAY_NAME),
                    optional(row, ImportField.DEPARTMENT), optional(row, ImportField.LOCATION),
                    optional(row, ImportField.JOB_TITLE), manager, optional(row, ImportField.ORG_UNIT_PATH),
                    optional(row, ImportField.EMPLOYEE_TYPE), optional(row, ImportField.COST_CENTER),
                    optional(row, ImportField.USER_TYPE), attributes, null);
            MemberProfile checked;
            try {
                checked = raw.applyTo(MemberProfile.EMPTY);
                for (String key : attributes == null ? Set.<String>of() : attributes.removed()) {
                    if (!MemberProfile.CUSTOM_KEY.matcher(key).matches()) {
                        throw RuleViolation.invalidField("customAttributes",
                                "keys must be 1 to 64 letters, digits, '_', '.' or '-'");
                    }
                }
            } catch (RuleViolation violation) {
                errors.addAll(violation.errors().isEmpty()
                        ? List.of(new FieldError("row", violation.getMessage())) : violation.errors());
                return null;
            }
            // The values as the profile keeps them (trimmed; blank is no value).
            return new ProfilePatch(kept(raw.email(), checked.email()), kept(raw.displayName(), checked.displayName()),
                    kept(raw.department(), checked.department()), kept(raw.location(), checked.location()),
                    kept(raw.jobTitle(), checked.jobTitle()), raw.managerId(),
                    kept(raw.orgUnitPath(), checked.orgUnitPath()), kept(raw.employeeType(), checked.employeeType()),
                    kept(raw.costCenter(), checked.costCenter()), kept(raw.userType(), checked.userType()),
                    attributes, null);
        }

        @SuppressWarnings("OptionalAssignedToNull")
        private static Optional<String> kept(Optional<String> named, String normalized) {
            return named == null ? null : Optional.ofNullable(normalized);
        }

        @SuppressWarnings("OptionalAssignedToNull")
        private Optional<UserId> manager(ImportRow row, List<FieldError> errors) {
            if (!row.names(ImportField.MANAGER_ID)) {
                return null;
            }
            String text = text(row, ImportField.MANAGER_ID);
            if (text == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(new UserId(text));
            } catch (DomainException e) {
                errors.add(new FieldError("managerId", "must be a user id of 1 to 255 printable characters"));
                return Optional.empty();
            }
        }

        private static String text(ImportRow row, ImportField field) {
            String value = row.value(field);
            return value == null || value.isBlank() ? null : value.strip();
        }

        @SuppressWarnings("OptionalAssignedToNull")
        private static Optional<String> optional(ImportRow row, ImportField field) {
            return row.names(field) ? Optional.ofNullable(row.value(field)) : null;
        }

        private static <E extends Enum<E>> E choice(ImportRow row, ImportField field, Class<E> type,
                                                    List<FieldError> errors) {
            String text = text(row, field);
            if (text == null) {
                return null;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return constant;
                }
            }
            errors.add(new FieldError(field.wireName(), "must be one of " + String.join(", ",
                    java.util.Arrays.stream(type.getEnumConstants())
                            .map(constant -> constant.name().toLowerCase(Locale.ROOT)).toList())));
            return null;
        }

        // --- a batch of rows ---------------------------------------------------------------------------

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<Pending> batch = matchByEmail(List.copyOf(pending));
            pending.clear();
            List<Pending> unique = new ArrayList<>(batch.size());
            Map<UserId, Pending> inBatch = new HashMap<>();
            for (Pending row : batch) {
                int earlier = roster.find(row.userId());
                boolean earlierRow = earlier != MemberImportRoster.NONE && roster.isRow(earlier);
                Pending earlierInBatch = inBatch.get(row.userId());
                if (earlierRow || earlierInBatch != null) {
                    int first = earlierRow ? roster.rowIndex(earlier) : earlierInBatch.index();
                    fail(row.index(), row.userId().value(),
                            List.of(new FieldError("userId", "is the member of row " + first + " already")));
                } else if (row.profile().managerId() != null
                        && row.profile().managerId().filter(row.userId()::equals).isPresent()) {
                    fail(row.index(), row.userId().value(),
                            List.of(ReportingLine.Verdict.SELF.fieldError("managerId")));
                } else {
                    inBatch.put(row.userId(), row);
                    unique.add(row);
                }
            }
            Map<UserId, CurrentMember> current = store.current(orgId, inBatch.keySet());
            List<StagedRow> staged = new ArrayList<>(unique.size());
            for (Pending row : unique) {
                CurrentMember existing = current.get(row.userId());
                List<FieldError> errors = rights(row, existing);
                if (errors.isEmpty()) {
                    errors = attributeCount(row, existing);
                }
                if (!errors.isEmpty()) {
                    fail(row.index(), row.userId().value(), errors);
                    continue;
                }
                roster.addRow(roster.intern(row.userId()), row.index(), existing, row.profile().managerId(), row.role(),
                        row.status());
                staged.add(new StagedRow(row.index(), row.userId(), row.profile(), row.role(), row.status()));
            }
            staging.stage(staged);
        }

        /** Rows without a userId name an existing member by email; rows that do not are failed here. */
        private List<Pending> matchByEmail(List<Pending> rows) {
            List<String> emails = rows.stream().filter(row -> row.userId() == null)
                    .map(row -> row.email().toLowerCase(Locale.ROOT)).distinct().toList();
            if (emails.isEmpty()) {
                return rows;
            }
            Map<String, List<UserId>> found = store.membersByEmail(orgId, emails);
            List<Pending> matched = new ArrayList<>(rows.size());
            for (Pending row : rows) {
                if (row.userId() != null) {
                    matched.add(row);
                    continue;
                }
                List<UserId> members = found.getOrDefault(row.email().toLowerCase(Locale.ROOT), List.of());
                if (members.size() == 1) {
                    matched.add(row.withUserId(members.getFirst()));
                } else {
                    fail(row.index(), null, List.of(new FieldError("email", members.isEmpty()
                            ? "names no member of the org; a new member needs a userId"
                            : "names " + members.size() + " members of the org; give the userId")));
                }
            }
            return matched;
        }

        /** Only org admins decide who is an admin, as in the single-member operations. */
        private List<FieldError> rights(Pending row, CurrentMember existing) {
            if (caller.decidesAdmins()) {
                return List.of();
            }
            boolean isAdmin = existing != null && existing.role() == OrgRole.ADMIN;
            if (row.role() == OrgRole.ADMIN && !isAdmin) {
                return List.of(new FieldError("role", "only org admins may make someone an admin"));
            }
            if (isAdmin && row.role() != null && row.role() != OrgRole.ADMIN) {
                return List.of(new FieldError("role", "only org admins may change the role of an admin"));
            }
            if (isAdmin && row.status() != null && row.status() != existing.status()) {
                return List.of(new FieldError("status", "only org admins may suspend or deactivate an admin"));
            }
            return List.of();
        }

        /** Custom attributes merge with the stored ones; together they stay within the profile's bound. */
        private List<FieldError> attributeCount(Pending row, CurrentMember existing) {
            ProfilePatch.AttributeChanges changes = row.profile().customAttributes();
            if (changes == null || existing == null) {
                return List.of();
            }
            Set<String> keys = new HashSet<>(changes.clearAll() ? Set.of() : existing.customAttributeKeys());
            keys.removeAll(changes.removed());
            keys.addAll(changes.set().keySet());
            if (keys.size() > MemberProfile.CUSTOM_ATTRIBUTES_MAX) {
                return List.of(new FieldError("customAttributes", "the member would have " + keys.size()
                        + " custom attributes; at most " + MemberProfile.CUSTOM_ATTRIBUTES_MAX + " are allowed"));
            }
            return List.of();
        }

        // --- the rules of the whole file ---------------------------------------------------------------

        private void applyFileRules() {
            Set<UserId> activeAdmins = activeAdmins();
            int before;
            do {
                before = failedCount;
                failMissingManagers();
                failCycles();
                failLastAdminRemoval(activeAdmins);
            } while (failedCount != before);
        }

        /** A manager is a member already, or a row of this file that succeeds; failing rows fail their reports. */
        private void failMissingManagers() {
            IntList named = new IntList();
            for (int k = 0; k < roster.size(); k++) {
                if (roster.live(k) && roster.newManager(k) != MemberImportRoster.NONE) {
                    named.add(roster.newManager(k));
                }
            }
            lookUp(named);
            boolean changed;
            do {
                changed = false;
                for (int k = 0; k < roster.size(); k++) {
                    int manager = roster.live(k) ? roster.newManager(k) : MemberImportRoster.NONE;
                    if (manager == MemberImportRoster.NONE) {
                        continue;
                    }
                    boolean present = roster.isRow(manager) ? roster.live(manager) || roster.exists(manager)
                            : roster.exists(manager);
                    if (!present) {
                        fail(k, new FieldError("managerId", "must be a member of the org or a row of this "
                                + "import that succeeds"));
                        changed = true;
                    }
                }
            } while (changed);
        }

        /**
         * Reporting lines as they would be after the import must have no cycle ({@link ReportingLine#cycles}): every
         * row of a cycle that sets a manager fails. A line through someone neither in the file nor looked up yet is
         * judged once the store has been asked about them.
         */
        private void failCycles() {
            ReportingLine.Lines after = new ReportingLine.Lines() {
                @Override
                public int size() {
                    return roster.size();
                }

                @Override
                public int managerOf(int k) {
                    return roster.managerAfter(k);
                }

                @Override
                public boolean known(int k) {
                    return roster.isRow(k) || roster.exists(k) || roster.isLookedUp(k);
                }
            };
            IntPredicate changed = k -> roster.live(k) && roster.newManager(k) != MemberImportRoster.NONE;
            ReportingLine.CycleSearch search = ReportingLine.cycles(after, changed);
            while (!search.complete()) {
                IntList unknown = new IntList();
                for (int k : search.unknown()) {
                    unknown.add(k);
                }
                lookUp(unknown);
                search = ReportingLine.cycles(after, changed);
            }
            for (int[] cycle : search.cycles()) {
                StringBuilder line = new StringBuilder();
                for (int member : cycle) {
                    line.append(roster.userId(member).value()).append(" -> ");
                }
                line.append(roster.userId(cycle[0]).value());
                for (int member : cycle) {
                    if (roster.live(member) && roster.setsManager(member)) {
                        fail(member, new FieldError("managerId", "would close a reporting cycle: " + line));
                    }
                }
            }
        }

        /** Asks the store about the ids among {@code ids} that are no row of the file and were not asked about. */
        private void lookUp(IntList ids) {
            List<Integer> missing = new ArrayList<>();
            java.util.BitSet seen = new java.util.BitSet();
            for (int i = 0; i < ids.size(); i++) {
                int k = ids.get(i);
                if (!roster.isRow(k) && !roster.isLookedUp(k) && !seen.get(k)) {
                    seen.set(k);
                    missing.add(k);
                }
            }
            for (int start = 0; start < missing.size(); start += BATCH) {
                List<Integer> chunk = missing.subList(start, Math.min(missing.size(), start + BATCH));
                Map<UserId, Integer> byId = new HashMap<>();
                chunk.forEach(k -> byId.put(roster.userId(k), k));
                Map<UserId, CurrentMember> found = store.current(orgId, byId.keySet());
                byId.forEach((id, k) -> roster.lookedUp(k, found.get(id)));
            }
        }

        /**
         * An org keeps at least one active admin ({@link ActiveAdminPolicy}): rows that would take the last ones away
         * fail. The policy hears of the admins' rows and of one row that makes someone else an active admin, which is
         * all it needs; a file that touches no active admin is not searched at all.
         */
        private void failLastAdminRemoval(Set<UserId> activeAdmins) {
            Map<UserId, Optional<ActiveAdminPolicy.Standing>> after = new HashMap<>();
            for (UserId admin : activeAdmins) {
                int k = roster.find(admin);
                if (k != MemberImportRoster.NONE && roster.live(k)) {
                    after.put(admin, Optional.of(standingAfter(k)));
                }
            }
            if (after.isEmpty()) {
                return;
            }
            for (int k = 0; k < roster.size(); k++) {
                if (roster.live(k) && !after.containsKey(roster.userId(k)) && standingAfter(k).activeAdmin()) {
                    after.put(roster.userId(k), Optional.of(standingAfter(k)));
                    break;
                }
            }
            if (ActiveAdminPolicy.changes(orgId, activeAdmins, after) instanceof ActiveAdminPolicy.LastAdminsLeave
                    leave) {
                for (UserId admin : leave.admins()) {
                    fail(roster.find(admin),
                            ActiveAdminPolicy.LastAdminsLeave.rowError(after.get(admin).orElseThrow()));
                }
            }
        }

        private ActiveAdminPolicy.Standing standingAfter(int k) {
            return new ActiveAdminPolicy.Standing(roster.roleAfter(k), roster.statusAfter(k));
        }

        private Set<UserId> activeAdmins() {
            Set<UserId> admins = new HashSet<>();
            String cursor = null;
            do {
                Page<OrgMember> page = orgMembers.list(orgId,
                        new OrgMemberRepository.Filter(OrgRole.ADMIN, MemberStatus.ACTIVE, null),
                        new PageRequest(PageRequest.MAX_LIMIT, cursor));
                page.items().forEach(member -> admins.add(member.userId()));
                cursor = page.nextCursor();
            } while (cursor != null);
            return admins;
        }

        // --- outcome -----------------------------------------------------------------------------------

        private void write(MemberImportStore.Counts counts) {
            Instant now = clock.instant();
            List<GroupId> autoAdd = counts.created() == 0 ? List.of()
                    : groups.autoAddGroups(orgId).stream().map(Group::id).toList();
            staging.write(now, autoAdd);
            events.publish(new MembersImported(UUID.randomUUID(), orgId, counts.created(), counts.updated(),
                    now));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("created", counts.created());
            summary.put("updated", counts.updated());
            summary.put("unchanged", counts.unchanged());
            summary.put("failed", failedCount);
            summary.put("mode", command.mode().name().toLowerCase(Locale.ROOT));
            summary.put("autoAddedToGroups", autoAdd.stream().map(GroupId::toString).toList());
            audit.record(caller.actor(), orgId, "org_member.imported", "org", orgId, summary);
        }

        private ImportReport report(MemberImportStore.Counts counts) {
            List<RowReport> rows = new ArrayList<>(failures);
            int room = MAX_REPORTED_ROWS - rows.size();
            List<StagedOutcome> changed = room <= 0 ? List.of() : staging.changedRows(room);
            changed.forEach(row -> rows.add(new RowReport(row.index(), row.userId().value(), row.outcome(),
                    List.of())));
            rows.sort(Comparator.comparingInt(RowReport::index));
            int listable = failedCount + counts.created() + counts.updated();
            return new ImportReport(command.dryRun(), command.mode(), counts.created(), counts.updated(),
                    counts.unchanged(), failedCount, rows, listable - rows.size());
        }

        private RuleViolation rejected() {
            List<FieldError> errors = new ArrayList<>();
            failures.stream().sorted(Comparator.comparingInt(RowReport::index))
                    .flatMap(row -> row.errors().stream()
                            .map(error -> new FieldError("[" + row.index() + "]." + error.field(), error.message())))
                    .limit(MAX_PROBLEM_ERRORS)
                    .forEach(errors::add);
            return new RuleViolation("import-rejected", failedCount + " of " + total + " rows failed"
                    + (errors.size() < failedCount ? " (the first " + errors.size() + " errors are listed)" : "")
                    + "; with mode=atomic nothing was imported", errors);
        }

        private RuleViolation tooManyRows() {
            return new RuleViolation("import-too-many-rows", "An import may have at most " + maxRows
                    + " rows (circles.import.max-rows); nothing was imported");
        }

        private void fail(int member, FieldError error) {
            roster.fail(member);
            int index = roster.rowIndex(member);
            discarded.add(index);
            fail(index, roster.userId(member).value(), List.of(error));
        }

        private void fail(int index, String userId, List<FieldError> errors) {
            failedCount++;
            if (failures.size() < MAX_REPORTED_ROWS) {
                failures.add(new RowReport(index, userId, Outcome.FAILED, errors));
            }
        }
    }

    /** A growing list of ints, so that lists of row numbers hold no object per element. */
    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }
    }
}
