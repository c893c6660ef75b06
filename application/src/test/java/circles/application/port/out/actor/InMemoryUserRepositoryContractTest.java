package circles.application.port.out.actor;

import circles.application.InMemoryCircles;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;

import java.util.Optional;

class InMemoryUserRepositoryContractTest extends UserRepositoryContract {
    private final InMemoryCircles circles = new InMemoryCircles();

    @Override
    protected PortFixture fixture() {
        return circles.portFixture();
    }

    @Override
    protected UserRepository repository() {
        return circles.userRepository;
    }

    @Override
    protected Optional<KnownUser> stored(UserId userId) {
        return Optional.ofNullable(circles.db.users().get(userId))
                .map(user -> new KnownUser(user.name(), user.email()));
    }
}
