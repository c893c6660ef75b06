package circles.application.port.out.apitoken;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.apitoken.ApiToken;
import circles.domain.apitoken.ApiTokenScope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers of {@link ApiTokenRepository} rely on: a token kept whole (its scopes included) and found in its own
 * org, found by the hash of its secret across orgs (a request names its org only through its token), its revocation
 * saved, its last use moved only forward, and an org's tokens listed newest first page by page. Served only by
 * PostgreSQL: there is no in-memory API token store, so only the adapter test extends this contract.
 */
public abstract class ApiTokenRepositoryContract {
    private static final Set<ApiTokenScope> FEED = Set.of(ApiTokenScope.EVENTS_READ);
    private static final UserId ISSUER = new UserId("admin");

    protected abstract PortFixture fixture();

    protected abstract ApiTokenRepository repository();

    @Test
    void a_token_is_found_whole_in_its_org_and_by_its_secret_from_any_org() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        Instant now = world.now();
        ApiToken token = ApiToken.issue(org.id(), "Warehouse", FEED, unique("hash"), ISSUER,
                now.plus(Duration.ofDays(30)), now);
        world.inOrg(org.id(), () -> repository().save(token));

        ApiToken found = world.inOrg(org.id(), () -> repository().find(org.id(), token.id())).orElseThrow();
        assertThat(found.name()).isEqualTo("Warehouse");
        assertThat(found.scopes()).containsExactly(ApiTokenScope.EVENTS_READ);
        assertThat(found.secretHash()).isEqualTo(token.secretHash());
        assertThat(found.createdAt()).isEqualTo(now);
        assertThat(found.createdBy()).isEqualTo(new UserId("admin"));
        assertThat(found.expiresAt()).isEqualTo(now.plus(Duration.ofDays(30)));
        assertThat(found.lastUsedAt()).isNull();
        assertThat(found.revokedAt()).isNull();
        assertThat(world.inOrg(other.id(), () -> repository().find(other.id(), token.id()))).isEmpty();
        assertThat(world.inOrg(org.id(), () -> repository().find(org.id(), UUID.randomUUID()))).isEmpty();

        assertThat(world.inOrg(other.id(), () -> repository().findBySecretHash(token.secretHash())))
                .hasValueSatisfying(byHash -> {
                    assertThat(byHash.id()).isEqualTo(token.id());
                    assertThat(byHash.orgId()).isEqualTo(org.id());
                });
        assertThat(world.inTransaction(() -> repository().findBySecretHash(unique("nothing")))).isEmpty();
    }

    @Test
    void a_revocation_is_saved_and_the_last_use_only_moves_forward() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        Instant now = world.now();
        ApiToken token = ApiToken.issue(org.id(), "Sync", FEED, unique("hash"), ISSUER, null, now);
        world.inOrg(org.id(), () -> repository().save(token));

        world.inOrg(org.id(), () -> repository().recordUse(org.id(), token.id(), now.plusSeconds(20)));
        world.inOrg(org.id(), () -> repository().recordUse(org.id(), token.id(), now.plusSeconds(10)));
        assertThat(stored(world, org.id(), token).lastUsedAt()).isEqualTo(now.plusSeconds(20));
        world.inOrg(other.id(), () -> repository().recordUse(other.id(), token.id(), now.plusSeconds(30)));
        assertThat(stored(world, org.id(), token).lastUsedAt()).as("a use through another org records nothing")
                .isEqualTo(now.plusSeconds(20));
        world.inOrg(org.id(), () -> repository().recordUse(org.id(), token.id(), now.plusSeconds(40)));
        assertThat(stored(world, org.id(), token).lastUsedAt()).isEqualTo(now.plusSeconds(40));

        world.inOrg(org.id(), () -> {
            ApiToken revoked = repository().find(org.id(), token.id()).orElseThrow();
            revoked.revoke(now.plusSeconds(50));
            repository().save(revoked);
        });
        ApiToken revoked = stored(world, org.id(), token);
        assertThat(revoked.revokedAt()).isEqualTo(now.plusSeconds(50));
        assertThat(revoked.lastUsedAt()).isEqualTo(now.plusSeconds(40));
        assertThat(revoked.isUsableAt(now.plusSeconds(60))).isFalse();
    }

    @Test
    void an_orgs_tokens_are_listed_newest_first_page_by_page() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        Instant start = world.now();
        List<UUID> issued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ApiToken token = ApiToken.issue(org.id(), "Token " + i, FEED, unique("hash"), ISSUER, null,
                    start.plusSeconds(i));
            world.inOrg(org.id(), () -> repository().save(token));
            issued.add(token.id());
        }
        ApiToken elsewhere = ApiToken.issue(other.id(), "Elsewhere", FEED, unique("hash"), ISSUER, null, start);
        world.inOrg(other.id(), () -> repository().save(elsewhere));

        List<UUID> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        int pages = 0;
        while (request != null) {
            PageRequest current = request;
            Page<ApiToken> page = world.inOrg(org.id(), () -> repository().list(org.id(), current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(token -> listed.add(token.id()));
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactlyElementsOf(issued.reversed());
    }

    private ApiToken stored(PortFixture world, OrgId orgId, ApiToken token) {
        return world.inOrg(orgId, () -> repository().find(orgId, token.id())).orElseThrow();
    }
}
