package circles.bootstrap.wiring;

import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.actor.SignInService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The signed-in user. */
@ApplicationScoped
public class ActorWiring {

    @Produces
    @Singleton
    SignInService signInService(UnitOfWork tx, UserRepository users) {
        return new SignInService(tx, users);
    }
}
