package circles.adapter.in.rest.member;

import circles.adapter.in.rest.http.Wire;
import circles.application.port.in.member.GetDataQualityUseCase;

import java.util.List;

/** The data-quality report: each finding with its count and a page of samples. */
public record DataQualityResponse(List<Finding> findings) {

    public record Suggestion(String key, String name, double similarity) {
    }

    public record Sample(String id, String label, Long memberCount, String managerId, String managerStatus,
                         List<Suggestion> suggestions) {
    }

    public record Finding(String finding, long count, List<Sample> samples, String nextCursor) {
    }

    public static DataQualityResponse of(GetDataQualityUseCase.DataQualityReport report) {
        return new DataQualityResponse(report.findings().stream().map(finding -> new Finding(
                Wire.name(finding.finding()), finding.count(), finding.samples().stream().map(sample -> new Sample(
                        sample.id(), sample.label(), sample.memberCount(), sample.managerId(), sample.managerStatus(),
                        sample.suggestions().stream().map(s -> new Suggestion(s.key(), s.name(), s.similarity()))
                                .toList())).toList(), finding.nextCursor())).toList());
    }
}
