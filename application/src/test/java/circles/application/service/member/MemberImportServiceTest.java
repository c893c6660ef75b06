package circles.application.service.member;

import circles.application.DraftBuilder;
import circles.application.InMemoryCircles;
import circles.application.InMemoryMemberImportStore;
import circles.application.port.in.member.ImportField;
import circles.application.port.in.member.ImportMembersUseCase.Command;
import circles.application.port.in.member.ImportMembersUseCase.ImportReport;
import circles.application.port.in.member.ImportMembersUseCase.Mode;
import circles.application.port.in.member.ImportMembersUseCase.Outcome;
import circles.application.port.in.member.ImportMembersUseCase.RowReport;
import circles.application.port.in.member.ImportRow;
import circles.domain.actor.UserId;
import circles.domain.audit.AuditEvent;
import circles.domain.group.Group;
import circles.domain.org.MemberStatus;
import circles.domain.org.OrgId;
import circles.domain.org.OrgMember;
import circles.domain.org.OrgRole;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberImportServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final InMemoryMemberImportStore store = new InMemoryMemberImportStore(circles.db);
    private final MemberImportService imports = new MemberImportService(circles.tx, circles.access, store,
            circles.orgMemberRepository, circles.groupRepository, circles.reportingLines, circles.directoryEvents,
            circles.auditLog, circles.clock, Duration.ofMinutes(10), 1_000_000);
    private final OrgId acme = circles.org("acme", "ana");

    /** A row from alternating field names and values; {@code "custom.k"} names a custom attribute. */
    private static ImportRow row(int index, String... namesAndValues) {
        Map<ImportField, String> values = new EnumMap<>(ImportField.class);
        Map<String, String> custom = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = namesAndValues[i];
            if (name.startsWith("custom.")) {
                custom.put(name.substring("custom.".length()), namesAndValues[i + 1]);
            } else {
                values.put(ImportField.byWireName(name).orElseThrow(), namesAndValues[i + 1]);
            }
        }
        return new ImportRow(index, values, false, custom, List.of());
    }

    private ImportReport run(Mode mode, boolean dryRun, ImportRow... rows) {
        return imports.importMembers(new Command(acme, List.of(rows).iterator(), dryRun, mode));
    }

    private ImportReport run(ImportRow... rows) {
        return run(Mode.PARTIAL, false, rows);
    }

    private OrgMember member(String userId) {
        return circles.orgMember(acme, userId).orElseThrow();
    }

    private static RowReport rowOf(ImportReport report, int index) {
        return report.rows().stream().filter(row -> row.index() == index).findFirst().orElseThrow();
    }

    @Test
    void rows_create_new_members_and_update_existing_ones() {
        circles.joinOrg(acme, "bo", OrgRole.MEMBER);
        circles.as("ana");

        ImportReport report = run(
                row(0, "userId", "cy", "email", "cy@acme.example", "department", "engineering", "role", "it_admin"),
                row(1, "userId", "bo", "jobTitle", "Engineer", "custom.badge", "blue"));

        assertThat(report.created()).isEqualTo(1);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.failed()).isZero();
        assertThat(report.rows()).extracting(RowReport::outcome).containsExactly(Outcome.CREATED, Outcome.UPDATED);
        assertThat(member("cy").role()).isEqualTo(OrgRole.IT_ADMIN);
        assertThat(member("cy").profile().department()).isEqualTo("engineering");
        assertThat(member("bo").profile().jobTitle()).isEqualTo("Engineer");
        assertThat(member("bo").profile().customAttributes()).containsEntry("badge", "blue");
        assertThat(circles.db.users()).containsKey(UserId.of("cy"));
    }

    @Test
    void fields_a_row_does_not_name_stay_as_they_are_and_empty_values_clear_them() {
        circles.as("ana");
        run(row(0, "userId", "cy", "department", "sales", "location", "berlin", "custom.badge", "blue"));

        ImportReport report = run(row(0, "userId", "cy", "location", "", "custom.badge", ""));

        assertThat(report.updated()).isEqualTo(1);
        assertThat(member("cy").profile().department()).isEqualTo("sales");
        assertThat(member("cy").profile().location()).isNull();
        assertThat(member("cy").profile().customAttributes()).isEmpty();
    }

    @Test
    void a_row_that_changes_nothing_is_unchanged_and_is_only_counted() {
        circles.as("ana");
        run(row(0, "userId", "cy", "department", "sales"));

        ImportReport report = run(row(0, "userId", "cy", "department", " sales "));

        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(report.updated()).isZero();
        assertThat(report.rows()).isEmpty();
        assertThat(report.rowsOmitted()).isZero();
    }

    @Test
    void a_row_without_user_id_is_matched_by_the_email_of_a_member() {
        circles.as("ana");
        run(row(0, "userId", "cy", "email", "Cy@Acme.example"));

        ImportReport report = run(row(0, "email", "cy@acme.EXAMPLE", "department", "legal"),
                row(1, "email", "nobody@acme.example", "department", "legal"));

        assertThat(report.updated()).isEqualTo(1);
        assertThat(rowOf(report, 0).userId()).isEqualTo("cy");
        assertThat(member("cy").profile().department()).isEqualTo("legal");
        assertThat(rowOf(report, 1).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(rowOf(report, 1).errors()).extracting(e -> e.field()).containsExactly("email");
    }

    @Test
    void bad_rows_fail_with_their_fields_and_the_good_ones_are_kept() {
        circles.as("ana");

        ImportReport report = run(
                row(0, "userId", "cy", "role", "boss"),
                row(1, "userId", "dee", "email", "not-an-email"),
                row(2, "department", "sales"),
                row(3, "userId", "eve", "userType", "robot"),
                row(4, "userId", "fay"));

        assertThat(report.created()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(4);
        assertThat(rowOf(report, 0).errors()).extracting(e -> e.field()).containsExactly("role");
        assertThat(rowOf(report, 1).errors()).extracting(e -> e.field()).containsExactly("email");
        assertThat(rowOf(report, 2).errors()).extracting(e -> e.field()).containsExactly("userId");
        assertThat(rowOf(report, 3).errors()).extracting(e -> e.field()).containsExactly("userType");
        assertThat(circles.orgMember(acme, "fay")).isPresent();
        assertThat(circles.orgMember(acme, "cy")).isEmpty();
    }

    @Test
    void a_manager_may_be_a_row_further_down_the_file() {
        circles.as("ana");

        ImportReport report = run(row(0, "userId", "cy", "managerId", "dee"), row(1, "userId", "dee"));

        assertThat(report.created()).isEqualTo(2);
        assertThat(member("cy").profile().managerId()).isEqualTo(UserId.of("dee"));
    }

    @Test
    void a_manager_who_is_neither_a_member_nor_a_succeeding_row_fails_the_row_and_those_below_it() {
        circles.as("ana");

        ImportReport report = run(
                row(0, "userId", "cy", "managerId", "ghost"),
                row(1, "userId", "dee", "managerId", "cy"),
                row(2, "userId", "eve", "managerId", "fay"),
                row(3, "userId", "fay", "role", "nonsense"));

        assertThat(report.failed()).isEqualTo(4);
        assertThat(report.created()).isZero();
        assertThat(rowOf(report, 1).errors()).extracting(e -> e.field()).containsExactly("managerId");
        assertThat(rowOf(report, 2).errors()).extracting(e -> e.field()).containsExactly("managerId");
    }

    @Test
    void a_row_whose_manager_row_fails_keeps_working_when_that_manager_is_a_member_already() {
        circles.joinOrg(acme, "boss", OrgRole.MEMBER);
        circles.as("ana");

        ImportReport report = run(row(0, "userId", "boss", "role", "nonsense"), row(1, "userId", "cy", "managerId", "boss"));

        assertThat(report.created()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
    }

    @Test
    void reporting_cycles_are_refused_within_the_file_and_against_stored_managers() {
        circles.joinOrg(acme, OrgRole.MEMBER, "top", "mid");
        circles.as("ana");
        run(row(0, "userId", "mid", "managerId", "top"));

        ImportReport report = run(
                row(0, "userId", "cy", "managerId", "dee"),
                row(1, "userId", "dee", "managerId", "cy"),
                row(2, "userId", "top", "managerId", "mid"),
                row(3, "userId", "eve", "managerId", "top"));

        assertThat(rowOf(report, 0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(rowOf(report, 1).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(rowOf(report, 2).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(rowOf(report, 2).errors().getFirst().message()).contains("cycle");
        assertThat(rowOf(report, 3).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(member("top").profile().managerId()).isNull();
    }

    @Test
    void a_row_that_names_the_same_member_as_an_earlier_one_fails() {
        circles.as("ana");

        ImportReport report = run(row(0, "userId", "cy"), row(1, "userId", "cy", "department", "x"));

        assertThat(report.created()).isEqualTo(1);
        assertThat(rowOf(report, 1).errors().getFirst().message()).contains("row 0");
    }

    @Test
    void atomic_mode_writes_nothing_when_a_row_fails_and_names_every_failure() {
        circles.as("ana");

        assertThatThrownBy(() -> run(Mode.ATOMIC, false, row(0, "userId", "cy"), row(1, "userId", "dee",
                "status", "gone")))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> assertThat(violation.errors())
                        .extracting(e -> e.field()).containsExactly("[1].status"));

        assertThat(circles.orgMember(acme, "cy")).isEmpty();
        assertThat(circles.directoryEvents.imports()).isEmpty();
    }

    @Test
    void a_dry_run_reports_without_writing() {
        circles.as("ana");
        AuditMarkCount audit = new AuditMarkCount();

        ImportReport report = run(Mode.ATOMIC, true, row(0, "userId", "cy"), row(1, "userId", "ana", "role",
                "nonsense"));

        assertThat(report.dryRun()).isTrue();
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(circles.orgMember(acme, "cy")).isEmpty();
        assertThat(circles.directoryEvents.imports()).isEmpty();
        assertThat(audit.added()).isZero();
    }

    @Test
    void an_import_publishes_one_batched_notification_and_one_audit_event() {
        circles.joinOrg(acme, "bo", OrgRole.MEMBER);
        circles.as("ana");
        AuditMarkCount audit = new AuditMarkCount();
        var changes = circles.directoryEvents.mark();

        run(row(0, "userId", "cy"), row(1, "userId", "bo", "department", "x"), row(2, "userId", "dee"));

        assertThat(circles.directoryEvents.imports()).hasSize(1);
        assertThat(circles.directoryEvents.imports().getFirst().created()).isEqualTo(2);
        assertThat(circles.directoryEvents.imports().getFirst().updated()).isEqualTo(1);
        assertThat(changes.changes()).isEmpty();
        assertThat(audit.added()).isEqualTo(1);
        AuditEvent event = circles.db.auditEvents().getLast();
        assertThat(event.action()).isEqualTo("org_member.imported");
        assertThat(event.summary()).containsEntry("created", 2).containsEntry("updated", 1);
    }

    @Test
    void new_members_join_the_groups_that_add_every_new_org_member() {
        circles.as("ana");
        Group welcome = circles.group(DraftBuilder.named("Welcome").in(acme).settings(false, false, true));
        circles.as("ana");

        run(row(0, "userId", "cy"));

        assertThat(circles.membership(welcome.id(), "cy")).isPresent();
    }

    @Test
    void only_org_admins_decide_who_is_an_admin() {
        circles.joinOrg(acme, "it", OrgRole.IT_ADMIN);
        circles.as("it");

        ImportReport report = run(row(0, "userId", "cy", "role", "admin"), row(1, "userId", "ana", "status",
                "suspended"), row(2, "userId", "dee", "role", "member"));

        assertThat(rowOf(report, 0).errors()).extracting(e -> e.field()).containsExactly("role");
        assertThat(rowOf(report, 1).errors()).extracting(e -> e.field()).containsExactly("status");
        assertThat(report.created()).isEqualTo(1);
        assertThat(member("ana").status()).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    void the_last_active_admin_cannot_be_imported_away() {
        circles.as("ana");

        ImportReport report = run(row(0, "userId", "ana", "role", "member"));

        assertThat(report.failed()).isEqualTo(1);
        assertThat(rowOf(report, 0).errors().getFirst().message()).contains("active admin");
        assertThat(member("ana").role()).isEqualTo(OrgRole.ADMIN);
    }

    @Test
    void plain_members_may_not_import() {
        circles.joinOrg(acme, "bo", OrgRole.MEMBER);
        circles.as("bo");

        assertThatThrownBy(() -> run(row(0, "userId", "cy"))).isInstanceOf(NotAllowed.class);
    }

    @Test
    void rows_are_staged_in_batches_and_the_report_is_bounded() {
        circles.as("ana");
        int count = 2 * MemberImportService.BATCH + 5;
        Iterator<ImportRow> rows = IntStream.range(0, count)
                .mapToObj(i -> row(i, "userId", "user-" + i, "managerId", i + 1 < count ? "user-" + (i + 1) : ""))
                .iterator();

        ImportReport report = imports.importMembers(new Command(acme, rows, false, Mode.PARTIAL));

        assertThat(report.created()).isEqualTo(count);
        assertThat(store.stagedBatches).isEqualTo(3);
        assertThat(member("user-0").profile().managerId()).isEqualTo(UserId.of("user-1"));
    }

    @Test
    void a_file_with_more_rows_than_the_limit_is_refused_while_it_is_read_and_nothing_is_written() {
        circles.as("ana");
        MemberImportService limited = new MemberImportService(circles.tx, circles.access, store,
                circles.orgMemberRepository, circles.groupRepository, circles.reportingLines, circles.directoryEvents,
                circles.auditLog, circles.clock, Duration.ofMinutes(10), 3);
        int[] read = {0};
        Iterator<ImportRow> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public ImportRow next() {
                int index = read[0]++;
                return row(index, "userId", "user-" + index);
            }
        };

        assertThatThrownBy(() -> limited.importMembers(new Command(acme, endless, false, Mode.PARTIAL)))
                .isInstanceOfSatisfying(RuleViolation.class, refused -> {
                    assertThat(refused.code()).isEqualTo("import-too-many-rows");
                    assertThat(refused.getMessage()).contains("at most 3 rows", "circles.import.max-rows");
                });
        assertThat(read[0]).isEqualTo(4);
        assertThat(circles.orgMember(acme, "user-0")).isEmpty();
        assertThat(circles.directoryEvents.imports()).isEmpty();

        ImportReport atTheLimit = limited.importMembers(new Command(acme,
                List.of(row(0, "userId", "a"), row(1, "userId", "b"), row(2, "userId", "c")).iterator(), false,
                Mode.PARTIAL));
        assertThat(atTheLimit.created()).isEqualTo(3);
    }

    @Test
    void a_reader_failure_midway_writes_nothing() {
        circles.as("ana");
        List<ImportRow> rows = new ArrayList<>(List.of(row(0, "userId", "cy")));
        Iterator<ImportRow> broken = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public ImportRow next() {
                if (next < rows.size()) {
                    return rows.get(next++);
                }
                throw new IllegalStateException("the file ends in the middle of a row");
            }
        };

        assertThatThrownBy(() -> imports.importMembers(new Command(acme, broken, false, Mode.PARTIAL)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(circles.directoryEvents.imports()).isEmpty();
    }

    /** How many audit events were recorded since it was made. */
    private final class AuditMarkCount {
        private final int start = circles.db.auditEvents().size();

        int added() {
            return circles.db.auditEvents().size() - start;
        }
    }
}
