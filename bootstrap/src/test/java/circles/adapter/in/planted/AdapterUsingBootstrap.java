package circles.adapter.in.planted;

import circles.bootstrap.ApplicationWiring;

/** A planted violation for the architecture rules' own test: nothing may depend on bootstrap. */
public final class AdapterUsingBootstrap {
    public Object wiring(ApplicationWiring wiring) {
        return wiring;
    }
}
