package circles.adapter.in.planted;

import circles.bootstrap.wiring.GroupWiring;

/** A planted violation for the architecture rules' own test: nothing may depend on bootstrap. */
public final class AdapterUsingBootstrap {
    public Object wiring(GroupWiring wiring) {
        return wiring;
    }
}
