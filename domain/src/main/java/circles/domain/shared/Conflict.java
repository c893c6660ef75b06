package circles.domain.shared;

import java.util.List;

/** The request clashes with the current state: a duplicate, or a dependent that blocks it. */
public final class Conflict extends DomainException {
    public Conflict(String code, String detail) {
        super(code, detail, List.of());
    }
}
