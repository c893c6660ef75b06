package circles.adapter.out.persistence.actor;

import circles.adapter.out.persistence.member.OrgMemberRepositoryAdapter;
import circles.adapter.out.persistence.sql.PersistenceFailures;
import circles.adapter.out.persistence.sql.SqlQuery;
import circles.application.port.out.actor.UserRepository;
import circles.domain.actor.UserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/**
 * Users are global (not org data: no row-level security applies), known by the subject of their tokens. Both
 * operations are single upserts, safe when two requests name the same new user at once.
 */
@ApplicationScoped
public class UserRepositoryAdapter implements UserRepository {
    private static final int CHUNK = 500;

    private final UserPanacheRepository rows;

    @Inject
    UserRepositoryAdapter(UserPanacheRepository rows) {
        this.rows = rows;
    }

    @Override
    public void ensureExist(Collection<UserId> userIds) {
        // In a fixed order, so that two transactions inserting overlapping users cannot deadlock.
        List<String> ids = OrgMemberRepositoryAdapter.values(userIds).stream().sorted().toList();
        for (int start = 0; start < ids.size(); start += CHUNK) {
            List<String> chunk = ids.subList(start, Math.min(ids.size(), start + CHUNK));
            SqlQuery sql = new SqlQuery("insert into users (id) values ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "(:u" + i + ")" : ", (:u" + i + ")").bind("u" + i, chunk.get(i));
            }
            sql.append(" on conflict (id) do nothing");
            execute(sql);
        }
    }

    @Override
    public void recordSignIn(UserId userId, String name, String email) {
        execute(new SqlQuery("insert into users (id, name, email, signed_in_at)"
                + " values (:id, cast(:name as text), cast(:email as text), now())"
                + " on conflict (id) do update set name = coalesce(excluded.name, users.name),"
                + " email = coalesce(excluded.email, users.email), signed_in_at = excluded.signed_in_at")
                .bind("id", userId.value()).bind("name", blankToNull(name)).bind("email", blankToNull(email)));
    }

    private void execute(SqlQuery sql) {
        try {
            sql.plain(rows.getEntityManager()).executeUpdate();
        } catch (RuntimeException failure) {
            throw PersistenceFailures.translate(failure);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
