package circles.application.port.planted;

import circles.application.service.group.GroupService;

/** A planted violation for the architecture rules' own test: a port must not see a service. */
public interface PortUsingService {
    GroupService implementation();
}
