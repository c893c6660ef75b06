package circles.application.service.provisioning;

import circles.application.port.in.provisioning.AuthenticateScimTokenUseCase;
import circles.application.port.in.provisioning.CreateScimTokenUseCase;
import circles.application.port.in.provisioning.ListScimTokensUseCase;
import circles.application.port.in.provisioning.RevokeScimTokenUseCase;
import circles.application.port.out.actor.ActorOverride;
import circles.application.port.out.audit.AuditLog;
import circles.application.port.out.provisioning.ScimTokenRepository;
import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;
import circles.application.port.out.shared.UnitOfWork;
import circles.application.service.access.Access;
import circles.application.service.audit.Audit;
import circles.domain.access.OrgAccess;
import circles.domain.actor.Actor;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ScimToken;
import circles.domain.shared.NotAllowed;
import circles.domain.shared.NotFound;
import circles.domain.actor.UserId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SCIM tokens: 256 random bits, shown once, stored as their SHA-256 (a secret of that entropy needs no slow hash).
 * The last use is written at most once a minute per token, so that a busy identity provider does not turn every
 * request into a write on the same row.
 */
public final class ScimTokenService implements CreateScimTokenUseCase, ListScimTokensUseCase, RevokeScimTokenUseCase,
        AuthenticateScimTokenUseCase {
    static final String SECRET_PREFIX = "scim_";
    private static final int SECRET_BYTES = 32;
    private static final int SECRET_MAX = 200;
    private static final Duration USE_RECORDING_INTERVAL = Duration.ofMinutes(1);

    private final UnitOfWork tx;
    private final Access access;
    private final ScimTokenRepository tokens;
    private final ActorOverride actorOverride;
    private final Audit audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ScimTokenService(UnitOfWork tx, Access access, ScimTokenRepository tokens, ActorOverride actorOverride,
                            AuditLog auditLog, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.tokens = tokens;
        this.actorOverride = actorOverride;
        this.audit = new Audit(auditLog, clock);
        this.clock = clock;
    }

    @Override
    public IssuedScimToken create(CreateScimTokenUseCase.Command command) {
        return tx.inTransaction(() -> {
            OrgAccess caller = access.requireOrgAdmin(command.orgId());
            requireIssuableBy(command.orgId(), caller);
            byte[] bytes = new byte[SECRET_BYTES];
            random.nextBytes(bytes);
            String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            ScimToken token = ScimToken.issue(command.orgId(), command.name(), hash(secret),
                    caller.actor().userId(), command.expiresAt(), clock.instant());
            tokens.save(token);
            Map<String, Object> summary = new HashMap<>();
            summary.put("name", token.name());
            summary.put("expiresAt", String.valueOf(token.expiresAt()));
            audit.record(caller.actor(), command.orgId(), "scim_token.created", "scim_token", token.id(), summary);
            return new IssuedScimToken(token, secret);
        });
    }

    /**
     * A token acts with the org role its issuer holds (see {@link Access#issuerRole}), so one issued by someone who
     * is not an active admin or it_admin of the org (a platform admin from outside it) would be refused on its first
     * call: refuse the issuing instead.
     */
    private void requireIssuableBy(OrgId orgId, OrgAccess caller) {
        UserId issuer = caller.actor().userId();
        if (caller.actor().isProvisioner() || issuer == null || access.issuerRole(orgId, issuer) == null) {
            throw new NotAllowed("a SCIM token acts with the org role of whoever issues it, so only an active admin"
                    + " or it_admin of org " + orgId + " may issue one; a platform admin who is not one"
                    + " of them makes themselves (or someone else) an org admin first");
        }
    }

    @Override
    public Page<ScimToken> list(OrgId orgId, PageRequest page) {
        return tx.inTransaction(() -> {
            access.requireOrgAdmin(orgId);
            return tokens.list(orgId, page);
        });
    }

    @Override
    public void revoke(OrgId orgId, UUID tokenId) {
        tx.run(() -> {
            OrgAccess caller = access.requireOrgAdmin(orgId);
            ScimToken token = tokens.find(orgId, tokenId).orElseThrow(() -> new NotFound("scim-token", tokenId));
            if (token.revokedAt() != null) {
                return;
            }
            token.revoke(clock.instant());
            tokens.save(token);
            audit.record(caller.actor(), orgId, "scim_token.revoked", "scim_token", tokenId,
                    Map.of("name", token.name()));
        });
    }

    @Override
    public Optional<OrgId> authenticate(String secret) {
        if (secret == null || secret.length() > SECRET_MAX || !secret.startsWith(SECRET_PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(secret);
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            Optional<ScimToken> found = tokens.findBySecretHash(hash).filter(token -> token.isUsableAt(now))
                    .filter(token -> access.issuerRole(token.orgId(), token.createdBy()) != null);
            found.ifPresent(token -> {
                if (token.lastUsedAt() == null || !token.lastUsedAt().plus(USE_RECORDING_INTERVAL).isAfter(now)) {
                    tokens.recordUse(token.orgId(), token.id(), now);
                }
                actorOverride.actAs(Actor.provisioner(token.orgId(), token.id().toString(), token.name(),
                        token.createdBy()));
            });
            return found.map(ScimToken::orgId);
        });
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
