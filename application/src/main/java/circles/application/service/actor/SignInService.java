package circles.application.service.actor;

import circles.application.port.in.actor.RecordSignInUseCase;
import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.shared.UnitOfWork;
import circles.domain.actor.Actor;

public final class SignInService implements RecordSignInUseCase {
    private final UnitOfWork tx;
    private final UserRepository users;

    public SignInService(UnitOfWork tx, UserRepository users) {
        this.tx = tx;
        this.users = users;
    }

    @Override
    public void signedIn(Actor actor) {
        tx.run(() -> users.recordSignIn(actor.userId(), actor.name(), actor.email()));
    }
}
