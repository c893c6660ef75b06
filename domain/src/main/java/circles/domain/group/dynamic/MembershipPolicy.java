package circles.domain.group.dynamic;

import circles.domain.actor.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Who is a member of a dynamic group: exclude beats include beats the rule. An exclude entry in force keeps the user
 * out; otherwise the rule puts them in, or, where it does not, an include entry in force does, for an active member
 * of the org only (a suspended or deactivated member is in no group by an include). Entries past their expiry count
 * for nothing. Every path that decides membership asks here: the full evaluation, the re-check of one member, a
 * change of the lists and explain.
 */
public final class MembershipPolicy {

    /** What the rule alone says about a user, and why. */
    public record RuleAnswer(boolean selects, String reason) {
        public RuleAnswer {
            Objects.requireNonNull(reason, "reason");
        }

        /** An answer from a bare yes or no, where nobody reads the reason. */
        public static RuleAnswer of(boolean selects) {
            return new RuleAnswer(selects, selects ? "selected by the rule" : "not selected by the rule");
        }
    }

    /** The members a group has by the policy; {@code included} are those only an include entry puts there. */
    public record Members(Set<UserId> members, Set<UserId> included) {
    }

    private MembershipPolicy() {
    }

    /**
     * The verdict for one user. {@code rule} is asked only when no exclude decides, {@code activeMember} only when an
     * include is all that could put the user in, so a caller may make either as costly as it must.
     *
     * @param entries the group's override entries (those of other users, and those expired at {@code now}, are
     *                ignored)
     */
    public static MembershipVerdict verdict(UserId userId, Collection<OverrideEntry> entries, Instant now,
                                            Supplier<RuleAnswer> rule, BooleanSupplier activeMember) {
        OverrideEntry include = null;
        for (OverrideEntry entry : entries) {
            if (!entry.userId().equals(userId) || !entry.activeAt(now)) {
                continue;
            }
            if (entry.kind() == OverrideKind.EXCLUDE) {
                return new MembershipVerdict.Excluded(entry);
            }
            if (include == null) {
                include = entry;
            }
        }
        RuleAnswer answer = rule.get();
        if (answer.selects()) {
            return new MembershipVerdict.SelectedByRule(answer.reason());
        }
        if (include != null && activeMember.getAsBoolean()) {
            return new MembershipVerdict.Included(include);
        }
        return new MembershipVerdict.NotSelected(answer.reason());
    }

    /**
     * The members of the whole group: those the rule selects, with the verdict of every user the entries name.
     * {@code activeMember} is asked only about users that an include alone would put in.
     */
    public static Members members(Set<UserId> selectedByRule, Collection<OverrideEntry> entries, Instant now,
                                  Predicate<UserId> activeMember) {
        Set<UserId> members = new HashSet<>(selectedByRule);
        Set<UserId> included = new HashSet<>();
        Map<UserId, List<OverrideEntry>> named = new LinkedHashMap<>();
        for (OverrideEntry entry : entries) {
            if (entry.activeAt(now)) {
                named.computeIfAbsent(entry.userId(), id -> new ArrayList<>()).add(entry);
            }
        }
        named.forEach((userId, own) -> {
            MembershipVerdict verdict = verdict(userId, own, now,
                    () -> RuleAnswer.of(selectedByRule.contains(userId)), () -> activeMember.test(userId));
            switch (verdict) {
                case MembershipVerdict.Excluded excluded -> members.remove(userId);
                case MembershipVerdict.NotSelected notSelected -> members.remove(userId);
                case MembershipVerdict.Included in -> {
                    members.add(userId);
                    included.add(userId);
                }
                case MembershipVerdict.SelectedByRule byRule -> {
                }
            }
        });
        return new Members(members, included);
    }
}
