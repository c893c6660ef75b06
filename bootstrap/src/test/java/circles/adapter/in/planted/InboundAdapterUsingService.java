package circles.adapter.in.planted;

import circles.application.service.group.GroupService;

/** A planted violation for the architecture rules' own test: an adapter must use ports, not services. */
public final class InboundAdapterUsingService {
    private final GroupService groups;

    public InboundAdapterUsingService(GroupService groups) {
        this.groups = groups;
    }

    public Object groups() {
        return groups;
    }
}
