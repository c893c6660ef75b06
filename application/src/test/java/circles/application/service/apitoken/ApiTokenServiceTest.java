package circles.application.service.apitoken;

import circles.application.InMemoryCircles;
import circles.application.port.in.apitoken.IssueApiTokenUseCase;
import circles.application.port.out.apitoken.ApiTokenRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.domain.actor.Actor;
import circles.domain.apitoken.ApiToken;
import circles.domain.apitoken.ApiTokenScope;
import circles.domain.org.OrgId;
import circles.domain.org.OrgRole;
import circles.domain.shared.DomainException;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Org API tokens: issued by active org admins, acting with their issuer's current rights within their scopes. */
class ApiTokenServiceTest {
    private static final Set<ApiTokenScope> FEED = Set.of(ApiTokenScope.EVENTS_READ);

    private final InMemoryCircles circles = new InMemoryCircles();
    private final Tokens tokens = new Tokens();
    private final ApiTokenService service = new ApiTokenService(circles.tx, circles.access, tokens,
            circles.auditLog, circles.clock);

    private final OrgId acme = circles.org("acme", "ana");
    private final OrgId globex = circles.org("globex", "gus");

    private IssueApiTokenUseCase.Command feedReader(OrgId orgId, Instant expiresAt) {
        return new IssueApiTokenUseCase.Command(orgId, "Feed reader", FEED, expiresAt);
    }

    @Test
    void the_secret_is_returned_once_with_its_prefix_and_only_its_hash_is_stored() {
        circles.as("ana");

        var issued = service.issue(feedReader(acme, null));

        assertThat(issued.secret()).matches("circles_at_[A-Za-z0-9_-]{43}");
        ApiToken stored = tokens.find(acme, issued.token().id()).orElseThrow();
        assertThat(stored.secretHash()).isEqualTo(ApiTokenService.hash(issued.secret()))
                .doesNotContain(issued.secret());
        assertThat(stored.expiresAt()).isEqualTo(InMemoryCircles.START.plus(ApiToken.DEFAULT_LIFETIME));
        assertThat(service.issue(feedReader(acme, null)).secret()).isNotEqualTo(issued.secret());
    }

    @Test
    void the_token_acts_in_its_org_only_with_its_issuers_current_role_and_no_platform_role() {
        circles.joinOrg(acme, "ivy", OrgRole.IT_ADMIN);
        circles.as("ivy");
        String secret = service.issue(feedReader(acme, null)).secret();

        Actor token = service.authenticate(secret).orElseThrow();
        circles.caller.set(token);

        assertThat(token.isApiToken()).isTrue();
        assertThat(token.isProvisioner()).isFalse();
        assertThat(token.isPlatformAdmin()).isFalse();
        assertThat(token.holdsScope(ApiTokenScope.EVENTS_READ)).isTrue();
        assertThat(circles.access.requireOrgMember(acme).role()).isEqualTo(OrgRole.IT_ADMIN);
        assertThat(circles.access.requireOrgMember(acme).decidesAdmins()).isFalse();
        assertThatThrownBy(() -> circles.access.requireOrgMember(globex)).isInstanceOf(NotFound.class);
    }

    @Test
    void a_token_whose_issuer_lost_the_admin_role_or_that_expired_or_was_revoked_lets_nobody_in() {
        circles.joinOrg(acme, "abe", OrgRole.ADMIN);
        circles.as("abe");
        String demoted = service.issue(feedReader(acme, null)).secret();
        circles.as("ana");
        String revoked = service.issue(feedReader(acme, null)).secret();
        String expiring = service.issue(feedReader(acme, InMemoryCircles.START.plus(Duration.ofDays(1)))).secret();
        service.revoke(acme, tokens.bySecret(revoked).id());
        assertThat(service.authenticate(demoted)).isPresent();

        circles.tx.run(() -> {
            var abe = circles.orgMemberRepository.find(acme, circles.as("abe").userId()).orElseThrow();
            abe.changeRole(OrgRole.MEMBER, circles.clock.instant());
            circles.orgMemberRepository.save(abe);
        });

        assertThat(service.authenticate(demoted)).isEmpty();
        assertThat(service.authenticate(revoked)).isEmpty();
        assertThat(service.authenticate(expiring)).isPresent();
        circles.clock.advance(Duration.ofDays(1));
        assertThat(service.authenticate(expiring)).isEmpty();
        assertThat(service.authenticate("circles_at_" + "x".repeat(43))).isEmpty();
        assertThat(service.authenticate("scim_" + "x".repeat(43))).isEmpty();
        assertThat(service.authenticate(null)).isEmpty();
    }

    @Test
    void only_active_org_admins_and_it_admins_issue_and_platform_admins_and_tokens_may_not() {
        circles.joinOrg(acme, "max", OrgRole.MEMBER);
        circles.as("max");
        assertThatThrownBy(() -> service.issue(feedReader(acme, null))).isInstanceOf(NotAllowed.class);
        circles.asPlatformAdmin("root");
        assertThatThrownBy(() -> service.issue(feedReader(acme, null))).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> service.list(acme, PageRequest.first(10))).isInstanceOf(NotAllowed.class);
        circles.as("gus");
        assertThatThrownBy(() -> service.issue(feedReader(acme, null))).isInstanceOf(NotFound.class);

        circles.as("ana");
        String secret = service.issue(feedReader(acme, null)).secret();
        circles.caller.set(service.authenticate(secret).orElseThrow());
        assertThatThrownBy(() -> service.issue(feedReader(acme, null))).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> service.list(acme, PageRequest.first(10))).isInstanceOf(NotAllowed.class);
    }

    @Test
    void expiry_lies_in_the_future_within_the_longest_lifetime_and_scopes_are_required() {
        circles.as("ana");
        Instant now = InMemoryCircles.START;

        assertThatThrownBy(() -> service.issue(feedReader(acme, now))).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> service.issue(feedReader(acme, now.plus(ApiToken.MAX_LIFETIME).plusSeconds(1))))
                .isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> service.issue(new IssueApiTokenUseCase.Command(acme, "None", Set.of(), null)))
                .isInstanceOf(RuleViolation.class);
        assertThat(service.issue(feedReader(acme, now.plus(ApiToken.MAX_LIFETIME))).token().expiresAt())
                .isEqualTo(now.plus(ApiToken.MAX_LIFETIME));
        assertThat(tokens.rows).hasSize(1);
    }

    @Test
    void a_token_passes_only_operations_that_declare_its_scope_in_its_own_org() {
        circles.as("ana");
        String secret = service.issue(feedReader(acme, null)).secret();

        service.requireScope(acme, Set.of());
        service.requireScope(null, Set.of());

        circles.caller.set(service.authenticate(secret).orElseThrow());
        service.requireScope(acme, FEED);
        service.requireScope(null, FEED);
        assertThatThrownBy(() -> service.requireScope(acme, Set.of()))
                .isInstanceOfSatisfying(NotAllowed.class,
                        e -> assertThat(((DomainException) e).code()).isEqualTo("token-scope-missing"));
        assertThatThrownBy(() -> service.requireScope(globex, FEED)).isInstanceOf(NotFound.class);
    }

    @Test
    void the_last_use_is_written_at_most_once_a_minute() {
        circles.as("ana");
        String secret = service.issue(feedReader(acme, null)).secret();

        service.authenticate(secret);
        circles.clock.advance(Duration.ofSeconds(59));
        service.authenticate(secret);
        assertThat(tokens.uses).isEqualTo(1);
        circles.clock.advance(Duration.ofSeconds(1));
        service.authenticate(secret);
        assertThat(tokens.uses).isEqualTo(2);
        assertThat(tokens.bySecret(secret).lastUsedAt()).isEqualTo(InMemoryCircles.START.plusSeconds(60));
    }

    /** The repository port in memory; {@code uses} counts the writes of a last use. */
    static final class Tokens implements ApiTokenRepository {
        private final Map<UUID, ApiToken> rows = new LinkedHashMap<>();
        int uses;

        @Override
        public void save(ApiToken token) {
            rows.put(token.id(), token);
        }

        @Override
        public Optional<ApiToken> find(OrgId orgId, UUID tokenId) {
            return Optional.ofNullable(rows.get(tokenId)).filter(token -> token.orgId().equals(orgId));
        }

        @Override
        public Optional<ApiToken> findBySecretHash(String secretHash) {
            return rows.values().stream().filter(token -> token.secretHash().equals(secretHash)).findFirst();
        }

        ApiToken bySecret(String secret) {
            return findBySecretHash(ApiTokenService.hash(secret)).orElseThrow();
        }

        @Override
        public Page<ApiToken> list(OrgId orgId, PageRequest page) {
            return new Page<>(rows.values().stream().filter(token -> token.orgId().equals(orgId))
                    .sorted(Comparator.comparing(ApiToken::createdAt).reversed()).limit(page.limit()).toList(),
                    null);
        }

        @Override
        public void recordUse(OrgId orgId, UUID tokenId, Instant usedAt) {
            uses++;
            ApiToken token = rows.get(tokenId);
            rows.put(tokenId, ApiToken.restore(token.id(), token.orgId(), token.name(), token.scopes(),
                    token.secretHash(), token.createdAt(), token.createdBy(), token.expiresAt(), usedAt,
                    token.revokedAt()));
        }
    }
}
