package circles.domain.planted;

import jakarta.ws.rs.Path;

/** A planted violation for the architecture rules' own test: the domain must not know JAX-RS. */
public final class DomainUsingJaxRs {
    public Class<Path> resourceAnnotation() {
        return Path.class;
    }
}
