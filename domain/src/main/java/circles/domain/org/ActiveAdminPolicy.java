package circles.domain.org;

import circles.domain.actor.UserId;
import circles.domain.shared.FieldError;
import circles.domain.shared.RuleViolation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An org keeps at least one active admin: a change (a demotion, a suspension, a removal, or many of them at once in
 * an import) may not take the last active admins away, unless it makes someone else an active admin at the same
 * time. A change that takes no active admin away is always allowed, even in an org that has none.
 */
public final class ActiveAdminPolicy {

    /** How a member would stand after a change. */
    public record Standing(OrgRole role, MemberStatus status) {
        public Standing {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(status, "status");
        }

        public boolean activeAdmin() {
            return role == OrgRole.ADMIN && status == MemberStatus.ACTIVE;
        }
    }

    /** Whether a change keeps the org's active admin, and if not, which admins it would take away. */
    public sealed interface Outcome {
        /** Throws the rule violation of a change of one member that breaks the invariant. */
        void requireKept();
    }

    /** The org still has an active admin after the change. */
    public record Kept() implements Outcome {
        @Override
        public void requireKept() {
        }
    }

    /** The change would take away {@code admins}, the org's last active admins, and make nobody else one. */
    public record LastAdminsLeave(OrgId orgId, List<UserId> admins) implements Outcome {
        public LastAdminsLeave {
            Objects.requireNonNull(orgId, "orgId");
            admins = List.copyOf(admins);
        }

        @Override
        public void requireKept() {
            throw new RuleViolation("last-admin", "user " + admins.getFirst() + " is the last active admin of org "
                    + orgId + "; make someone else admin first");
        }

        /** The error of a row that demotes or suspends one of these admins: the field it changes. */
        public static FieldError rowError(Standing after) {
            return new FieldError(after.role() != OrgRole.ADMIN ? "role" : "status",
                    "would leave the org without an active admin");
        }
    }

    private ActiveAdminPolicy() {
    }

    /**
     * A change of one member.
     *
     * @param after        how the member would stand; empty when they leave the org
     * @param activeAdmins the org's active admins now, asked only when the member is one of them; any two suffice
     */
    public static Outcome change(OrgMember member, Optional<Standing> after,
                                 Supplier<Collection<UserId>> activeAdmins) {
        if (!new Standing(member.role(), member.status()).activeAdmin()) {
            return new Kept();
        }
        return changes(member.orgId(), activeAdmins.get(), Map.of(member.userId(), after));
    }

    /**
     * A change of many members at once.
     *
     * @param activeAdmins the org's active admins now
     * @param after        how each member the change touches would stand (empty: they leave the org); it must name
     *                     every member that the change makes an active admin, or at least one of them
     */
    public static Outcome changes(OrgId orgId, Collection<UserId> activeAdmins,
                                  Map<UserId, Optional<Standing>> after) {
        List<UserId> leaving = activeAdmins.stream().filter(after::containsKey)
                .filter(admin -> !after.get(admin).map(Standing::activeAdmin).orElse(false)).toList();
        if (leaving.isEmpty()) {
            return new Kept();
        }
        boolean anotherStays = activeAdmins.stream().anyMatch(admin -> !after.containsKey(admin));
        boolean someoneIsAdminAfter = after.values().stream()
                .anyMatch(standing -> standing.map(Standing::activeAdmin).orElse(false));
        return anotherStays || someoneIsAdminAfter ? new Kept() : new LastAdminsLeave(orgId, leaving);
    }
}
