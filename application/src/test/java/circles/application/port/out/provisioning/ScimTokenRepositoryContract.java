package circles.application.port.out.provisioning;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.PortFixture;
import circles.domain.actor.UserId;
import circles.domain.org.OrgId;
import circles.domain.org.Organization;
import circles.domain.provisioning.ScimToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static circles.application.port.out.shared.PortFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers of {@link ScimTokenRepository} rely on: a token kept whole and found in its own org, found by the hash
 * of its secret across orgs (a SCIM request names its org only through its token), its revocation saved, its last
 * use moved only forward, and an org's tokens listed newest first page by page. Served only by PostgreSQL: there is
 * no in-memory SCIM token store, so only the adapter test extends this contract.
 */
public abstract class ScimTokenRepositoryContract {
    protected abstract PortFixture fixture();

    protected abstract ScimTokenRepository repository();

    @Test
    void a_token_is_found_whole_in_its_org_and_by_its_secret_from_any_org() {
        PortFixture world = fixture();
        Organization org = world.newOrg();
        Organization other = world.newOrg();
        Instant now = world.now();
        ScimToken token = ScimToken.issue(org.id(), "Okta", unique("hash"), new UserId("admin"),
                now.plus(Duration.ofDays(30)), now);
        world.inOrg(org.id(), () -> repository().save(token));

        ScimToken found = world.inOrg(org.id(), () -> repository().find(org.id(), token.id())).orElseThrow();
        assertThat(found.name()).isEqualTo("Okta");
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
        ScimToken token = ScimToken.issue(org.id(), "Entra", unique("hash"), null, null, now);
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
            ScimToken revoked = repository().find(org.id(), token.id()).orElseThrow();
            revoked.revoke(now.plusSeconds(50));
            repository().save(revoked);
        });
        ScimToken revoked = stored(world, org.id(), token);
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
            ScimToken token = ScimToken.issue(org.id(), "Token " + i, unique("hash"), null, null,
                    start.plusSeconds(i));
            world.inOrg(org.id(), () -> repository().save(token));
            issued.add(token.id());
        }
        ScimToken elsewhere = ScimToken.issue(other.id(), "Elsewhere", unique("hash"), null, null, start);
        world.inOrg(other.id(), () -> repository().save(elsewhere));

        List<UUID> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        int pages = 0;
        while (request != null) {
            PageRequest current = request;
            Page<ScimToken> page = world.inOrg(org.id(), () -> repository().list(org.id(), current));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(token -> listed.add(token.id()));
            request = page.nextCursor() == null ? null : new PageRequest(2, page.nextCursor());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactlyElementsOf(issued.reversed());
    }

    private ScimToken stored(PortFixture world, OrgId orgId, ScimToken token) {
        return world.inOrg(orgId, () -> repository().find(orgId, token.id())).orElseThrow();
    }
}
