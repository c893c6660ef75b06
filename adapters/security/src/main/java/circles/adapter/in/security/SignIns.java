package circles.adapter.in.security;

import circles.application.port.in.actor.RecordSignInUseCase;
import circles.domain.actor.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records a caller's name and email when first seen (or when their token says something new), instead of
 * writing on every request. The memory is bounded; forgetting only costs one more write.
 */
@ApplicationScoped
public class SignIns {
    private static final int REMEMBERED = 100_000;

    private final RecordSignInUseCase recordSignIn;
    private final Map<String, Integer> known = new ConcurrentHashMap<>();

    @Inject
    public SignIns(RecordSignInUseCase recordSignIn) {
        this.recordSignIn = recordSignIn;
    }

    void seen(Actor actor) {
        int fingerprint = Objects.hash(actor.name(), actor.email());
        Integer previous = known.get(actor.userId().value());
        if (previous != null && previous == fingerprint) {
            return;
        }
        recordSignIn.signedIn(actor);
        if (known.size() >= REMEMBERED) {
            known.clear();
        }
        known.put(actor.userId().value(), fingerprint);
    }
}
