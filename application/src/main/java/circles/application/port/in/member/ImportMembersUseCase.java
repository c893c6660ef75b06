package circles.application.port.in.member;

import circles.domain.org.OrgId;
import circles.domain.shared.FieldError;
import circles.domain.shared.Require;

import java.util.Iterator;
import java.util.List;

/**
 * Creates and updates org members in bulk from a file: each row is matched by its {@code userId} (or, without
 * one, by the email of an existing member) and reported as created, updated, unchanged or failed. Rows are
 * pulled from {@code rows} one at a time while the import runs, so a file of any length is never held whole.
 */
public interface ImportMembersUseCase {
    /** At most this many rows are listed in a report (failed rows first); the counts are always exact. */
    int MAX_REPORTED_ROWS = 10_000;

    ImportReport importMembers(Command command);

    enum Mode {
        /** Rows that pass are written, failed rows are reported and skipped. */
        PARTIAL,
        /** Nothing is written when any row fails (422 with the failures). */
        ATOMIC
    }

    /** {@code rows} may throw while it is read (a malformed file); the import then writes nothing. */
    record Command(OrgId orgId, Iterator<ImportRow> rows, boolean dryRun, Mode mode) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(rows, "rows");
            mode = mode == null ? Mode.PARTIAL : mode;
        }
    }

    enum Outcome { CREATED, UPDATED, UNCHANGED, FAILED }

    /** What happened to one row; {@code userId} is null when the row named no member. */
    record RowReport(int index, String userId, Outcome outcome, List<FieldError> errors) {
        public RowReport {
            errors = errors == null ? List.of() : List.copyOf(errors);
        }
    }

    /**
     * The counts of every outcome and the rows worth a look: every failed and every changed (created or updated)
     * row in file order, at most {@link #MAX_REPORTED_ROWS} of them (failed rows first); {@code rowsOmitted}
     * counts the failed and changed rows left out. Unchanged rows are only counted.
     */
    record ImportReport(boolean dryRun, Mode mode, int created, int updated, int unchanged, int failed,
                        List<RowReport> rows, int rowsOmitted) {
        public ImportReport {
            rows = List.copyOf(rows);
        }

        public int total() {
            return created + updated + unchanged + failed;
        }
    }
}
