package circles.domain.planted;

import circles.application.port.in.group.GetGroupUseCase;

/** A planted violation for the architecture rules' own test: the domain must not point outwards. */
public final class DomainUsingApplication {
    public Object lookUp(GetGroupUseCase useCase) {
        return useCase;
    }
}
