package circles.application.service.provisioning;

import circles.application.InMemoryCircles;
import circles.application.port.in.provisioning.CreateScimTokenUseCase;
import circles.application.port.out.provisioning.ScimTokenRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.Actor;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.provisioning.ScimToken;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SCIM tokens: issued once, stored hashed, and making their bearer an admin of exactly one org. */
class ScimTokenServiceTest {
    private final InMemoryCircles circles = new InMemoryCircles();
    private final Tokens tokens = new Tokens();
    private final ScimTokenService service = new ScimTokenService(circles.tx, circles.access, tokens,
            circles.caller::set, circles.auditLog, circles.clock);

    private final OrgId acme = circles.org("acme", "ana");
    private final OrgId globex = circles.org("globex", "gus");

    @Test
    void the_secret_is_returned_once_and_only_its_hash_is_stored() {
        circles.as("ana");

        var issued = service.create(new CreateScimTokenUseCase.Command(acme, "Entra ID", null));

        assertThat(issued.secret()).startsWith("scim_").hasSizeGreaterThan(40);
        ScimToken stored = tokens.find(acme, issued.token().id()).orElseThrow();
        assertThat(stored.secretHash()).isEqualTo(ScimTokenService.hash(issued.secret()))
                .doesNotContain(issued.secret());
        assertThat(stored.createdBy().value()).isEqualTo("ana");
        assertThat(service.create(new CreateScimTokenUseCase.Command(acme, "Okta", null)).secret())
                .isNotEqualTo(issued.secret());
    }

    @Test
    void the_bearer_becomes_an_admin_of_its_org_and_of_no_other() {
        circles.as("ana");
        String secret = service.create(new CreateScimTokenUseCase.Command(acme, "Entra ID", null)).secret();
        circles.as("nobody");

        assertThat(service.authenticate(secret)).contains(acme);

        Actor caller = circles.caller.get();
        assertThat(caller.provisions(acme)).isTrue();
        assertThat(caller.isPlatformAdmin()).isFalse();
        assertThat(circles.access.requireOrgAdmin(acme).administers()).isTrue();
        assertThatThrownBy(() -> circles.access.requireOrgMember(globex)).isInstanceOf(NotFound.class);
    }

    @Test
    void unknown_revoked_and_expired_tokens_let_nobody_in() {
        circles.as("ana");
        String revoked = service.create(new CreateScimTokenUseCase.Command(acme, "Old", null)).secret();
        var expiring = service.create(new CreateScimTokenUseCase.Command(acme, "Trial",
                InMemoryCircles.START.plus(Duration.ofDays(1))));
        service.revoke(acme, tokens.bySecret(revoked).id());

        assertThat(service.authenticate(revoked)).isEmpty();
        assertThat(service.authenticate("scim_" + "x".repeat(43))).isEmpty();
        assertThat(service.authenticate("not-even-the-format")).isEmpty();
        assertThat(service.authenticate(null)).isEmpty();
        assertThat(service.authenticate(expiring.secret())).contains(acme);
        circles.clock.advance(Duration.ofDays(1));
        assertThat(service.authenticate(expiring.secret())).isEmpty();
    }

    @Test
    void the_last_use_is_recorded_at_most_once_a_minute() {
        circles.as("ana");
        var issued = service.create(new CreateScimTokenUseCase.Command(acme, "Entra ID", null));

        service.authenticate(issued.secret());
        circles.clock.advance(Duration.ofSeconds(30));
        service.authenticate(issued.secret());
        assertThat(tokens.uses).isEqualTo(1);
        assertThat(tokens.find(acme, issued.token().id()).orElseThrow().lastUsedAt()).isEqualTo(InMemoryCircles.START);

        circles.clock.advance(Duration.ofSeconds(31));
        service.authenticate(issued.secret());
        assertThat(tokens.uses).isEqualTo(2);
    }

    @Test
    void only_org_admins_and_it_admins_manage_tokens() {
        circles.joinOrg(acme, "ivy", OrgRole.IT_ADMIN);
        circles.joinOrg(acme, "max", OrgRole.MEMBER);

        circles.as("max");
        assertThatThrownBy(() -> service.create(new CreateScimTokenUseCase.Command(acme, "x", null)))
                .isInstanceOf(NotAllowed.class);
        circles.as("gus");
        assertThatThrownBy(() -> service.list(acme, PageRequest.first(10))).isInstanceOf(NotFound.class);
        circles.as("ivy");
        var issued = service.create(new CreateScimTokenUseCase.Command(acme, "Okta", null));
        service.revoke(acme, issued.token().id());
        assertThat(service.list(acme, PageRequest.first(10)).items()).singleElement()
                .satisfies(token -> assertThat(token.revokedAt()).isNotNull());
        assertThatThrownBy(() -> service.revoke(acme, UUID.randomUUID())).isInstanceOf(NotFound.class);
    }

    /** SCIM tokens in memory. */
    private static final class Tokens implements ScimTokenRepository {
        private final Map<UUID, ScimToken> rows = new LinkedHashMap<>();
        int uses;

        @Override
        public void save(ScimToken token) {
            rows.put(token.id(), token);
        }

        @Override
        public Optional<ScimToken> find(OrgId orgId, UUID tokenId) {
            return Optional.ofNullable(rows.get(tokenId)).filter(token -> token.orgId().equals(orgId));
        }

        @Override
        public Optional<ScimToken> findBySecretHash(String secretHash) {
            return rows.values().stream().filter(token -> token.secretHash().equals(secretHash)).findFirst();
        }

        ScimToken bySecret(String secret) {
            return findBySecretHash(ScimTokenService.hash(secret)).orElseThrow();
        }

        @Override
        public Page<ScimToken> list(OrgId orgId, PageRequest page) {
            return new Page<>(rows.values().stream().filter(token -> token.orgId().equals(orgId))
                    .sorted(Comparator.comparing(ScimToken::createdAt).reversed()).limit(page.limit()).toList(), null);
        }

        @Override
        public void recordUse(OrgId orgId, UUID tokenId, Instant usedAt) {
            uses++;
            rows.get(tokenId).used(usedAt);
        }
    }
}
