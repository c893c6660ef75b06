package circles.adapter.out.persistence.sql;

import jakarta.persistence.EntityManager;

/** Transaction-scoped PostgreSQL advisory locks, named by text: held until the transaction ends. */
public final class AdvisoryLocks {
    private AdvisoryLocks() {
    }

    public static void lock(EntityManager em, String name) {
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:name, 0))) locked")
                .setParameter("name", name)
                .getSingleResult();
    }
}
