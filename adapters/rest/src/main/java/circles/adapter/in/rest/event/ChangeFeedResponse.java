package circles.adapter.in.rest.event;

import circles.application.port.in.feed.ReadChangeFeedUseCase;
import circles.application.port.out.event.PublicEventLog;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A page of the change feed: the events as CloudEvents 1.0 JSON, the cursor to continue from (never null: a feed has
 * no last page) and whether more events are visible already.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChangeFeedResponse(List<CloudEvent> items, String nextCursor, boolean hasMore) {

    /** One event in the structured CloudEvents JSON format. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CloudEvent(String specversion, String id, String source, String type, String subject, String time,
                             String datacontenttype, Map<String, Object> data) {
        static CloudEvent of(PublicEventLog.PublicEvent event) {
            return new CloudEvent("1.0", event.id().toString(), event.source(), event.type().wireName(),
                    event.subject(), DateTimeFormatter.ISO_INSTANT.format(event.time().truncatedTo(ChronoUnit.MICROS)),
                    "application/json", event.data());
        }
    }

    static ChangeFeedResponse of(ReadChangeFeedUseCase.Page page) {
        return new ChangeFeedResponse(page.events().stream().map(CloudEvent::of).toList(), page.next(), page.more());
    }
}
