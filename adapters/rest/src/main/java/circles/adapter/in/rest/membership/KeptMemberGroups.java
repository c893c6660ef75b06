package circles.adapter.in.rest.membership;

import circles.adapter.in.rest.http.PageResponse;
import circles.adapter.in.rest.http.PreparedBody;
import circles.application.port.in.membership.MemberGroupsFreshness;
import circles.application.port.in.membership.MemberGroupsFreshness.AnswerKey;
import circles.application.port.out.membership.AnswerStamps;
import circles.application.port.out.membership.MembershipRepository;
import circles.application.port.out.shared.Page;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The finished answers (JSON and entity tag) of {@code GET /v1/me/groups} and
 * {@code GET /v1/orgs/{orgId}/members/{userId}/groups}, kept per caller, list and page.
 * <p>
 * A kept answer is served only after one statement against PostgreSQL shows that no change of the orgs it depends
 * on was committed since it was read, by this process or any other ({@link MemberGroupsFreshness}), and before the
 * next start or end of a validity window of the user's memberships. Otherwise the list is read afresh, with the
 * caller's rights checked as on every uncached read. The stamp is taken before the answer is read, so a change
 * committed in between shows as a change at the next request. For an answer not kept (or no longer exact) the stamp
 * is the first statement of the read's own transaction. Bounded by the bytes kept and an age
 * ({@code circles.cache.*}); see docs/caches.md.
 */
@ApplicationScoped
public class KeptMemberGroups {
    private final MemberGroupsFreshness freshness;
    private final ObjectMapper json;
    private final boolean enabled;
    private final Cache<AnswerKey, Kept> kept;

    /** An answer and the log's position it was read at. */
    private record Kept(PreparedBody body, AnswerStamps.Stamp stamp) {
    }

    @Inject
    public KeptMemberGroups(MemberGroupsFreshness freshness, ObjectMapper json,
                            @ConfigProperty(name = "circles.cache.enabled", defaultValue = "true") boolean enabled,
                            @ConfigProperty(name = "circles.cache.answers.max-bytes", defaultValue = "67108864")
                            long maxBytes,
                            @ConfigProperty(name = "circles.cache.answers.max-age", defaultValue = "PT10M")
                            Duration maxAge) {
        this.freshness = freshness;
        this.json = json;
        this.enabled = enabled;
        this.kept = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((AnswerKey key, Kept value) -> value.body().json().length + 256)
                .expireAfterWrite(maxAge)
                .build();
    }

    /**
     * The answer under {@code key} (empty: not kept for this caller): the kept one if still exact, else
     * {@code read}'s, which checks the caller's rights and may fail; a failure is never kept.
     */
    public PreparedBody answer(Optional<AnswerKey> key, Supplier<Page<MembershipRepository.UserGroup>> read) {
        if (!enabled || key.isEmpty()) {
            return write(read.get());
        }
        Kept found = kept.getIfPresent(key.get());
        if (found != null && freshness.unchanged(key.get(), found.stamp())) {
            return found.body();
        }
        MemberGroupsFreshness.Stamped<Page<MembershipRepository.UserGroup>> fresh =
                freshness.stampedRead(key.get(), read);
        AnswerStamps.Stamp stamp = fresh.stamp();
        PreparedBody body = write(fresh.answer());
        if (stamp.keepable()) {
            kept.put(key.get(), new Kept(body, stamp));
        } else if (found != null) {
            kept.invalidate(key.get());
        }
        return body;
    }

    /** Forgets every kept answer. */
    public void clear() {
        kept.invalidateAll();
    }

    private PreparedBody write(Page<MembershipRepository.UserGroup> page) {
        try {
            return PreparedBody.of(json.writeValueAsBytes(PageResponse.of(page, MyGroupResponse::of)));
        } catch (JsonProcessingException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
