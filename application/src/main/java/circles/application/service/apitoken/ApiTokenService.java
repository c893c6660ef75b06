package circles.application.service.apitoken;

import circles.application.port.in.apitoken.AuthenticateApiTokenUseCase;
import circles.application.port.in.apitoken.IssueApiTokenUseCase;
import circles.application.port.in.apitoken.ListApiTokensUseCase;
import circles.application.port.in.apitoken.RevokeApiTokenUseCase;
import circles.application.port.in.apitoken.TokenScopeUseCase;
import circles.application.port.out.apitoken.ApiTokenRepository;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.domain.access.OrgAccess;
import circles.domain.actor.Actor;
import circles.domain.apitoken.ApiToken;
import circles.domain.apitoken.ApiTokenScope;
import circles.domain.org.OrgId;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Org API tokens: {@value AuthenticateApiTokenUseCase#SECRET_PREFIX} and 256 random bits (base64url), shown once and
 * stored as their SHA-256 (a secret of that entropy needs no slow hash). A token acts with the org rights of its
 * issuer, looked up again on every request, and may call only the operations that declare one of its scopes. The
 * issuer must hold those rights as an active admin or it_admin of the org: a platform admin without that membership
 * may not issue one, and no token issues, lists or revokes tokens.
 */
public final class ApiTokenService implements IssueApiTokenUseCase, ListApiTokensUseCase, RevokeApiTokenUseCase,
        AuthenticateApiTokenUseCase, TokenScopeUseCase {
    private static final int SECRET_BYTES = 32;
    private static final int SECRET_MAX = 200;

    private final UnitOfWork tx;
    private final Access access;
    private final ApiTokenRepository tokens;
    private final Audit audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokenService(UnitOfWork tx, Access access, ApiTokenRepository tokens, AuditLog auditLog, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.tokens = tokens;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public IssuedApiToken issue(IssueApiTokenUseCase.Command command) {
        return tx.inTransaction(() -> {
            OrgAccess caller = requireTokenAdmin(command.orgId());
            byte[] bytes = new byte[SECRET_BYTES];
            random.nextBytes(bytes);
            String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            ApiToken token = ApiToken.issue(command.orgId(), command.name(), command.scopes(), hash(secret),
                    caller.actor().userId(), command.expiresAt(), clock.instant());
            tokens.save(token);
            Map<String, Object> summary = new HashMap<>();
            summary.put("name", token.name());
            summary.put("scopes", token.scopes().stream().map(ApiTokenScope::wire).sorted().toList());
            summary.put("expiresAt", String.valueOf(token.expiresAt()));
            audit.record(caller.actor(), command.orgId(), "api_token.created", "api_token", token.id(), summary);
            return new IssuedApiToken(token, secret);
        });
    }

    @Override
    public Page<ApiToken> list(OrgId orgId, PageRequest page) {
        return tx.inTransaction(() -> {
            requireTokenAdmin(orgId);
            return tokens.list(orgId, page);
        });
    }

    @Override
    public ApiToken get(OrgId orgId, UUID tokenId) {
        return tx.inTransaction(() -> {
            requireTokenAdmin(orgId);
            return tokens.find(orgId, tokenId).orElseThrow(() -> new NotFound("api-token", tokenId));
        });
    }

    @Override
    public void revoke(OrgId orgId, UUID tokenId) {
        tx.run(() -> {
            OrgAccess caller = requireTokenAdmin(orgId);
            ApiToken token = tokens.find(orgId, tokenId).orElseThrow(() -> new NotFound("api-token", tokenId));
            if (token.revokedAt() != null) {
                return;
            }
            token.revoke(clock.instant());
            tokens.save(token);
            audit.record(caller.actor(), orgId, "api_token.revoked", "api_token", tokenId,
                    Map.of("name", token.name()));
        });
    }

    @Override
    public Optional<Actor> authenticate(String secret) {
        if (!AuthenticateApiTokenUseCase.looksLikeApiToken(secret) || secret.length() > SECRET_MAX) {
            return Optional.empty();
        }
        String hash = hash(secret);
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            Optional<ApiToken> found = tokens.findBySecretHash(hash).filter(token -> token.isUsableAt(now))
                    .filter(token -> access.issuerRole(token.orgId(), token.createdBy()) != null);
            found.filter(token -> token.lastUseIsStaleAt(now))
                    .ifPresent(token -> tokens.recordUse(token.orgId(), token.id(), now));
            return found.map(token -> Actor.apiToken(token.orgId(), token.id().toString(), token.name(),
                    token.createdBy(), token.scopes()));
        });
    }

    @Override
    public void requireScope(OrgId pathOrg, Set<ApiTokenScope> declared) {
        Actor actor = access.actor();
        if (!actor.isApiToken()) {
            return;
        }
        if (pathOrg != null && !actor.isBoundTo(pathOrg)) {
            throw new NotFound("org", pathOrg);
        }
        if (declared.stream().noneMatch(actor::holdsScope)) {
            throw new NotAllowed("token-scope-missing", declared.isEmpty()
                    ? "API tokens may not call this operation"
                    : "this operation needs an API token with the scope "
                    + String.join(" or ", declared.stream().map(ApiTokenScope::wire).sorted().toList()));
        }
    }

    /**
     * The caller, if they are an active admin or it_admin of the org themselves: the rights a token they issue acts
     * with. Others who may see the org (members, platform admins, tokens) get 403; the rest the org's 404.
     */
    private OrgAccess requireTokenAdmin(OrgId orgId) {
        OrgAccess caller = access.requireOrgMember(orgId);
        boolean administers = !caller.actor().isDelegated() && caller.role() != null && caller.role().administers();
        if (!administers) {
            throw new NotAllowed("only active admins and it_admins of org " + orgId + " manage its API tokens");
        }
        return caller;
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
