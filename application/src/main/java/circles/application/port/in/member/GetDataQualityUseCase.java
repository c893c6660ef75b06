package circles.application.port.in.member;

import circles.application.port.out.shared.PageRequest;
import circles.domain.org.OrgId;
import circles.domain.shared.InvalidInput;
import circles.domain.shared.Require;

import java.util.List;

/**
 * What is wrong with an org's directory data: profile values that name no master data (with the nearest known
 * entries as suggestions), members without a manager, members whose manager is suspended or deactivated, and
 * departments without members. Each finding has an exact count and a page of samples.
 */
public interface GetDataQualityUseCase {
    DataQualityReport report(Query query);

    enum Finding {
        UNKNOWN_DEPARTMENT, UNKNOWN_LOCATION, UNKNOWN_COST_CENTER, UNKNOWN_JOB_TITLE,
        MISSING_MANAGER, INACTIVE_MANAGER, EMPTY_DEPARTMENT
    }

    /** {@code finding}: only that finding (to page through its samples); null for all of them. */
    record Query(OrgId orgId, Finding finding, PageRequest page) {
        public Query {
            Require.present(orgId, "orgId");
            Require.present(page, "page");
            if (finding == null && page.cursor() != null) {
                throw new InvalidInput("cursor", "pages through the samples of one finding: give finding too");
            }
        }
    }

    /** A master-data entry whose key or name is close to an unknown value; similarity from 0 to 1. */
    record Suggestion(String key, String name, double similarity) {
    }

    /**
     * One sample of a finding. Unknown values: {@code id} is the value, {@code memberCount} how many members hold
     * it, {@code suggestions} the nearest entries. Members: {@code id} is the user id, {@code label} the display
     * name, and for an inactive manager {@code managerId} and {@code managerStatus}. Departments: key and name.
     */
    record Sample(String id, String label, Long memberCount, String managerId, String managerStatus,
                  List<Suggestion> suggestions) {
        public Sample {
            suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        }
    }

    /** {@code count}: members concerned (departments for an empty department); samples: one page. */
    record FindingReport(Finding finding, long count, List<Sample> samples, String nextCursor) {
        public FindingReport {
            samples = List.copyOf(samples);
        }
    }

    record DataQualityReport(List<FindingReport> findings) {
        public DataQualityReport {
            findings = List.copyOf(findings);
        }
    }
}
