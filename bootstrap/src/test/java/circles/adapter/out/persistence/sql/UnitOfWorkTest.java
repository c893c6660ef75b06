package circles.adapter.out.persistence.sql;

import circles.application.port.out.shared.TemporarilyUnavailable;
import circles.bootstrap.support.PostgresTestResource;
import circles.domain.org.Organization;
import circles.domain.shared.Conflict;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.RuleViolation;
import circles.domain.shared.Slug;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class UnitOfWorkTest extends PersistenceTest {
    @Inject
    EntityManager entityManager;

    @Test
    void commits_the_work_when_it_returns() {
        String slug = unique("committed");
        Organization saved = unitOfWork.inTransaction(() -> orgs.save(Organization.create("Kept", new Slug(slug), now())));
        assertThat(tx(() -> orgs.findById(saved.id()))).isPresent();
    }

    @Test
    void a_domain_exception_rolls_back_and_reaches_the_caller_unchanged() {
        String slug = unique("rolled-back");
        NotAllowed refusal = new NotAllowed("no");
        assertThatThrownBy(() -> unitOfWork.run(() -> {
            orgs.save(Organization.create("Gone", new Slug(slug), now()));
            throw refusal;
        })).isSameAs(refusal);
        assertThat(tx(() -> orgs.slugTaken(new Slug(slug), null))).isFalse();
    }

    @Test
    void a_transaction_given_a_timeout_of_its_own_ends_when_that_runs_out_and_keeps_nothing() {
        String slug = unique("timed-out");
        assertThatThrownBy(() -> unitOfWork.inTransaction(Duration.ofSeconds(1), () -> {
            orgs.save(Organization.create("Late", new Slug(slug), now()));
            return entityManager.createNativeQuery("select 1 from pg_sleep(2)").getSingleResult();
        })).isInstanceOf(RuntimeException.class);
        assertThat(tx(() -> orgs.slugTaken(new Slug(slug), null))).isFalse();

        String inTime = unique("in-time");
        unitOfWork.inTransaction(Duration.ofSeconds(5), () -> orgs.save(Organization.create("In time",
                new Slug(inTime), now())));
        assertThat(tx(() -> orgs.slugTaken(new Slug(inTime), null))).isTrue();
    }

    @Test
    void joins_the_transaction_of_its_caller() {
        String slug = unique("joined");
        assertThatThrownBy(() -> inTx(() -> {
            unitOfWork.run(() -> orgs.save(Organization.create("Inner", new Slug(slug), now())));
            assertThat(orgs.slugTaken(new Slug(slug), null)).isTrue();
            throw new IllegalStateException("the caller fails after the unit of work");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(tx(() -> orgs.slugTaken(new Slug(slug), null))).isFalse();
    }

    @Test
    void database_failures_inside_the_work_become_domain_exceptions() {
        Organization org = newOrg();
        assertThatThrownBy(() -> unitOfWork.run(() -> insertOrg(UUID.randomUUID(), org.slug().value())))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.code()).isEqualTo("org-slug-taken"));
        assertThatThrownBy(() -> unitOfWork.run(() -> {
            tenant.enter(org.id());
            entityManager.createNativeQuery("insert into org_members (org_id, user_id, role, status, joined_at,"
                    + " updated_at) values (:org, 'never-seen-user', 'member', 'active', now(), now())")
                    .setParameter("org", org.id().value()).executeUpdate();
        })).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> unitOfWork.run(() -> {
            tenant.enter(org.id());
            entityManager.createNativeQuery("insert into groups (id, org_id, name, slug, type, kind, visibility,"
                    + " created_at, updated_at) values (:id, :org, 'Bad', 'bad', 'standalone', 'static', 'public',"
                    + " now(), now())")
                    .setParameter("id", UUID.randomUUID()).setParameter("org", org.id().value()).executeUpdate();
        })).isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.code()).isEqualTo("constraint-violated"));
    }

    @Test
    void a_failure_detected_only_at_commit_becomes_a_domain_exception_too() {
        Organization org = newOrg();
        assertThatThrownBy(() -> unitOfWork.run(() -> {
            tenant.enter(org.id());
            users.ensureExist(java.util.List.of(new circles.domain.actor.UserId("deferred-check")));
            entityManager.createNativeQuery("set constraints org_members_manager_fk deferred").executeUpdate();
            entityManager.createNativeQuery("insert into org_members (org_id, user_id, role, status, manager_id,"
                    + " joined_at, updated_at) values (:org, 'deferred-check', 'member', 'active', 'no-such-manager',"
                    + " now(), now())").setParameter("org", org.id().value()).executeUpdate();
        })).isInstanceOfSatisfying(RuleViolation.class,
                v -> assertThat(v.errors()).extracting(e -> e.field()).containsExactly("managerId"));
        assertThat(QuarkusTransaction.isActive()).isFalse();
    }

    @Test
    void a_statement_over_its_time_is_temporarily_unavailable() {
        assertThatThrownBy(() -> unitOfWork.run(() -> {
            sql("set local statement_timeout = '100ms'");
            sql("select pg_sleep(2)");
        })).isInstanceOfSatisfying(TemporarilyUnavailable.class,
                unavailable -> assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void a_lock_not_granted_in_time_is_temporarily_unavailable() throws Exception {
        long lock = UUID.randomUUID().getMostSignificantBits();
        try (Connection other = PostgresTestResource.superuserConnection(); Statement holder = other.createStatement()) {
            holder.execute("select pg_advisory_lock(" + lock + ")");
            assertThatThrownBy(() -> unitOfWork.run(() -> {
                sql("set local lock_timeout = '100ms'");
                sql("select pg_advisory_xact_lock(" + lock + ")");
            })).isInstanceOfSatisfying(TemporarilyUnavailable.class,
                    unavailable -> assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        }
    }

    @Test
    void the_transaction_timeout_is_temporarily_unavailable_during_a_statement_and_after_it() {
        // The transaction manager cancels the running statement...
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().timeout(1).run(() -> unitOfWork.run(() ->
                sql("select pg_sleep(3)")))).isInstanceOf(TemporarilyUnavailable.class);
        // ... or, when the time ran out between statements, the pool refuses the next one.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().timeout(1).run(() -> unitOfWork.run(() -> {
            sql("select 1");
            pause(Duration.ofMillis(2500));
            sql("select 2");
        }))).isInstanceOf(TemporarilyUnavailable.class);
    }

    @Test
    void a_deadlock_is_temporarily_unavailable_for_the_transaction_postgresql_picks() throws Exception {
        long first = UUID.randomUUID().getMostSignificantBits();
        long second = first + 1;
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        ExecutorService transactions = Executors.newFixedThreadPool(2);
        try {
            Future<Throwable> one = transactions.submit(() -> crossing(first, second, bothHoldOne));
            Future<Throwable> two = transactions.submit(() -> crossing(second, first, bothHoldOne));
            Throwable oneFailed = one.get(30, TimeUnit.SECONDS);
            Throwable twoFailed = two.get(30, TimeUnit.SECONDS);

            assertThat(oneFailed == null ? twoFailed : oneFailed).isInstanceOfSatisfying(
                    TemporarilyUnavailable.class,
                    unavailable -> assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
            assertThat(oneFailed == null || twoFailed == null).as("one of the two transactions goes through").isTrue();
        } finally {
            transactions.shutdownNow();
        }
    }

    /** Locks {@code mine}, waits until the other transaction holds its lock, then wants the other's. */
    private Throwable crossing(long mine, long theirs, CountDownLatch bothHoldOne) {
        try {
            unitOfWork.run(() -> {
                sql("select pg_advisory_xact_lock(" + mine + ")");
                bothHoldOne.countDown();
                try {
                    bothHoldOne.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sql("select pg_advisory_xact_lock(" + theirs + ")");
            });
            return null;
        } catch (RuntimeException failure) {
            return failure;
        }
    }

    private void sql(String statement) {
        if (statement.startsWith("set ")) {
            entityManager.createNativeQuery(statement).executeUpdate();
        } else {
            entityManager.createNativeQuery(statement).getResultList();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void insertOrg(UUID id, String slug) {
        tenant.enter(new circles.domain.org.OrgId(id));
        entityManager.createNativeQuery("insert into orgs (id, name, slug, created_at, updated_at)"
                        + " values (:id, 'Copy', :slug, now(), now())")
                .setParameter("id", id).setParameter("slug", slug).executeUpdate();
    }
}
