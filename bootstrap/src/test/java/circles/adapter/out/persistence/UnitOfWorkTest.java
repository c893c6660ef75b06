package circles.adapter.out.persistence;

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

import java.time.Duration;
import java.util.UUID;

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

    private void insertOrg(UUID id, String slug) {
        tenant.enter(new circles.domain.org.OrgId(id));
        entityManager.createNativeQuery("insert into orgs (id, name, slug, created_at, updated_at)"
                        + " values (:id, 'Copy', :slug, now(), now())")
                .setParameter("id", id).setParameter("slug", slug).executeUpdate();
    }
}
