package circles.bootstrap.wiring;

import circles.application.port.out.event.MemberEventOutbox;
import circles.application.service.event.MemberEventRedeliveryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Directory events: the redelivery of events whose delivery after commit did not happen. */
@ApplicationScoped
public class EventWiring {

    @Produces
    @Singleton
    MemberEventRedeliveryService memberEventRedeliveryService(MemberEventOutbox outbox) {
        return new MemberEventRedeliveryService(outbox);
    }
}
