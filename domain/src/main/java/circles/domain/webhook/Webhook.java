package circles.domain.webhook;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.shared.Require;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An org's subscription to its public events: where they are sent, which types, optionally only those about some
 * groups, and the secret that signs each delivery. After a rotation the previous secret keeps signing, next to the
 * new one, for {@link #ROTATION_OVERLAP}, so that a receiver can switch secrets without losing a delivery.
 * A disabled endpoint gets nothing until an admin enables it again; the reason says why it was disabled.
 */
public final class Webhook {
    public static final int URL_MAX = 2000;
    public static final int DESCRIPTION_MAX = 500;
    public static final int GROUPS_MAX = 100;
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    private final UUID id;
    private final OrgId orgId;
    private final Instant createdAt;
    private final UserId createdBy;
    private String url;
    private String description;
    private Set<String> eventTypes;
    private Set<GroupId> groupIds;
    private boolean enabled;
    private String disabledReason;
    private Instant disabledAt;
    private Instant updatedAt;
    private WebhookSecret secret;
    private WebhookSecret previousSecret;
    private Instant previousSecretExpiresAt;
    private Instant failingSince;

    private Webhook(UUID id, OrgId orgId, Instant createdAt, UserId createdBy) {
        this.id = Require.present(id, "id");
        this.orgId = Require.present(orgId, "orgId");
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public static Webhook create(OrgId orgId, String url, String description, Set<String> eventTypes,
                                 Set<GroupId> groupIds, WebhookSecret secret, UserId createdBy, Instant now) {
        Webhook webhook = new Webhook(UUID.randomUUID(), orgId, now, createdBy);
        webhook.url = Require.text(url, "url", URL_MAX);
        webhook.description = Require.optionalText(description, "description", DESCRIPTION_MAX);
        webhook.eventTypes = Set.copyOf(new LinkedHashSet<>(Require.present(eventTypes, "eventTypes")));
        webhook.groupIds = groupIds == null ? Set.of() : Set.copyOf(groupIds);
        webhook.enabled = true;
        webhook.secret = Require.present(secret, "secret");
        webhook.updatedAt = now;
        return webhook;
    }

    /** Rebuilds a stored webhook; the values were valid when saved. */
    public static Webhook restore(UUID id, OrgId orgId, String url, String description, Set<String> eventTypes,
                                  Set<GroupId> groupIds, boolean enabled, String disabledReason, Instant disabledAt,
                                  Instant createdAt, UserId createdBy, Instant updatedAt, WebhookSecret secret,
                                  WebhookSecret previousSecret, Instant previousSecretExpiresAt,
                                  Instant failingSince) {
        Webhook webhook = new Webhook(id, orgId, createdAt, createdBy);
        webhook.url = url;
        webhook.description = description;
        webhook.eventTypes = Set.copyOf(eventTypes);
        webhook.groupIds = Set.copyOf(groupIds);
        webhook.enabled = enabled;
        webhook.disabledReason = disabledReason;
        webhook.disabledAt = disabledAt;
        webhook.updatedAt = updatedAt;
        webhook.secret = secret;
        webhook.previousSecret = previousSecret;
        webhook.previousSecretExpiresAt = previousSecretExpiresAt;
        webhook.failingSince = failingSince;
        return webhook;
    }

    public void changeUrl(String newUrl, Instant now) {
        url = Require.text(newUrl, "url", URL_MAX);
        updatedAt = now;
    }

    public void changeDescription(String newDescription, Instant now) {
        description = Require.optionalText(newDescription, "description", DESCRIPTION_MAX);
        updatedAt = now;
    }

    public void changeEventTypes(Set<String> types, Instant now) {
        eventTypes = Set.copyOf(Require.present(types, "eventTypes"));
        updatedAt = now;
    }

    public void changeGroups(Set<GroupId> groups, Instant now) {
        groupIds = groups == null ? Set.of() : Set.copyOf(groups);
        updatedAt = now;
    }

    /**
     * A group this endpoint is limited to was deleted: it leaves the endpoint's groups, unless it is the last one.
     * The last one stays (it matches no further event), since an endpoint with no groups gets the events of every
     * group: a deletion must never widen what an endpoint receives. Returns whether anything changed.
     */
    public boolean forgetDeletedGroup(GroupId group, Instant now) {
        if (!groupIds.contains(group) || groupIds.size() == 1) {
            return false;
        }
        Set<GroupId> remaining = new java.util.HashSet<>(groupIds);
        remaining.remove(group);
        groupIds = Set.copyOf(remaining);
        updatedAt = now;
        return true;
    }

    /** Enabling clears the reason it was disabled for, and the failures before. */
    public void enable(Instant now) {
        if (!enabled) {
            enabled = true;
            disabledReason = null;
            disabledAt = null;
            failingSince = null;
            updatedAt = now;
        }
    }

    /** A delivery succeeded: the endpoint is no longer failing. */
    public void deliverySucceeded() {
        failingSince = null;
    }

    /**
     * A delivery attempt failed at {@code now}; an endpoint failing without a success for
     * {@link RetrySchedule#DISABLE_AFTER} is disabled. Returns whether this disabled it.
     */
    public boolean deliveryFailed(Instant now) {
        if (failingSince == null) {
            failingSince = now;
        }
        if (enabled && RetrySchedule.failedTooLong(failingSince, now)) {
            disable("every delivery failed for " + RetrySchedule.DISABLE_AFTER.toDays() + " days", now);
            return true;
        }
        return false;
    }

    public void disable(String reason, Instant now) {
        enabled = false;
        disabledReason = reason;
        disabledAt = now;
        updatedAt = now;
    }

    /** A new secret signs from now on; the one it replaces keeps signing too for {@link #ROTATION_OVERLAP}. */
    public void rotate(WebhookSecret next, Instant now) {
        previousSecret = secret;
        previousSecretExpiresAt = now.plus(ROTATION_OVERLAP);
        secret = Require.present(next, "secret");
        updatedAt = now;
    }

    /** The secrets that sign a delivery made at {@code now}: the current one first. */
    public List<WebhookSecret> signingSecrets(Instant now) {
        List<WebhookSecret> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            secrets.add(previousSecret);
        }
        return List.copyOf(secrets);
    }

    /**
     * Whether an event of this type goes to this endpoint: {@code group} is the group a group event is about, null
     * for an event about no group (an org member's), which the endpoint's groups do not narrow.
     */
    public boolean wants(String type, GroupId group) {
        return enabled && eventTypes.contains(type) && (groupIds.isEmpty() || group == null || groupIds.contains(group));
    }

    public UUID id() { return id; }
    public OrgId orgId() { return orgId; }
    public String url() { return url; }
    public String description() { return description; }
    public Set<String> eventTypes() { return eventTypes; }
    public Set<GroupId> groupIds() { return groupIds; }
    public boolean enabled() { return enabled; }
    public String disabledReason() { return disabledReason; }
    public Instant disabledAt() { return disabledAt; }
    public Instant createdAt() { return createdAt; }
    public UserId createdBy() { return createdBy; }
    public Instant updatedAt() { return updatedAt; }
    public WebhookSecret secret() { return secret; }
    public WebhookSecret previousSecret() { return previousSecret; }
    public Instant previousSecretExpiresAt() { return previousSecretExpiresAt; }
    public Instant failingSince() { return failingSince; }
}
