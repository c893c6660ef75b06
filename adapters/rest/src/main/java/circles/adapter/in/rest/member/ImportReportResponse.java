package circles.adapter.in.rest.member;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.member.ImportMembersUseCase;

import java.util.List;

/** The answer to a member import: counts of every outcome and the rows worth a look. */
public record ImportReportResponse(boolean dryRun, String mode, int created, int updated, int unchanged, int failed,
                                   List<Row> rows, int rowsOmitted) {

    public record Row(int index, String userId, String outcome, List<Error> errors) {
    }

    public record Error(String field, String message) {
    }

    public static ImportReportResponse of(ImportMembersUseCase.ImportReport report) {
        return new ImportReportResponse(report.dryRun(), Wire.name(report.mode()), report.created(), report.updated(),
                report.unchanged(), report.failed(), report.rows().stream()
                .map(row -> new Row(row.index(), row.userId(), Wire.name(row.outcome()), row.errors().stream()
                        .map(error -> new Error(error.field(), error.message())).toList()))
                .toList(), report.rowsOmitted());
    }
}
