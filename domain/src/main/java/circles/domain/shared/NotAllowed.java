package circles.domain.shared;

import java.util.List;

/** The caller is known but has no right to do this. */
public final class NotAllowed extends DomainException {
    public NotAllowed(String detail) {
        super("not-allowed", detail, List.of());
    }

    /** A refusal of a more specific kind, named by {@code code}. */
    public NotAllowed(String code, String detail) {
        super(code, detail, List.of());
    }
}
