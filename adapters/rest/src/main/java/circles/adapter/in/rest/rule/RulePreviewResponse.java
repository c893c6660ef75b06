package circles.adapter.in.rest.rule;

import circles.application.port.in.rule.PreviewRuleUseCase;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * {@code RulePreview}: how many members an unsaved rule selects and the first of them; with a group, what saving
 * the rule would add and remove ({@code added}, {@code removed} and {@code unchanged} are null without one).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RulePreviewResponse(long count, List<PersonResponse> items, ChangeResponse added,
                                  ChangeResponse removed, Long unchanged) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PersonResponse(String userId, String displayName, String email) {
        static List<PersonResponse> of(List<PreviewRuleUseCase.Person> people) {
            return people.stream()
                    .map(person -> new PersonResponse(person.userId().value(), person.displayName(), person.email()))
                    .toList();
        }
    }

    public record ChangeResponse(long count, List<PersonResponse> sample) {
        static ChangeResponse of(PreviewRuleUseCase.Change change) {
            return change == null ? null : new ChangeResponse(change.count(), PersonResponse.of(change.sample()));
        }
    }

    public static RulePreviewResponse of(PreviewRuleUseCase.Preview preview) {
        return new RulePreviewResponse(preview.count(), PersonResponse.of(preview.items()),
                ChangeResponse.of(preview.added()), ChangeResponse.of(preview.removed()), preview.unchanged());
    }
}
