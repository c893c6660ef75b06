package circles.adapter.out.persistence.actor;

import circles.adapter.out.persistence.sql.PostgresPortFixture;
import circles.application.port.out.actor.UserRepository;
import circles.application.port.out.actor.UserRepositoryContract;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;

@QuarkusTest
class UserRepositoryAdapterContractTest extends UserRepositoryContract {
    @Inject
    PostgresPortFixture postgres;
    @Inject
    UserRepository users;
    @Inject
    EntityManager entityManager;

    @Override
    protected PortFixture fixture() {
        return postgres.fixture();
    }

    @Override
    protected UserRepository repository() {
        return users;
    }

    @Override
    protected Optional<KnownUser> stored(UserId userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = fixture().inTransaction(() -> entityManager.createNativeQuery(
                "select name, email from users where id = :id").setParameter("id", userId.value()).getResultList());
        return rows.stream().findFirst().map(row -> new KnownUser((String) row[0], (String) row[1]));
    }
}
