package circles.domain.group.dynamic;

/**
 * Whether a user is a member of a dynamic group, and why: what {@link MembershipPolicy} decides from the group's
 * rule and its override entries. Explain shows the reason; refresh, re-check and overrides write the verdict.
 */
public sealed interface MembershipVerdict {

    boolean member();

    String reason();

    /** An exclude entry in force keeps the user out, whatever the rule and the include list say. */
    record Excluded(OverrideEntry entry) implements MembershipVerdict {
        @Override
        public boolean member() {
            return false;
        }

        @Override
        public String reason() {
            return "excluded by an override" + because(entry);
        }
    }

    /** The rule selects the user; an include entry they may also have changes nothing. */
    record SelectedByRule(String reason) implements MembershipVerdict {
        @Override
        public boolean member() {
            return true;
        }
    }

    /** The rule does not select the user, an include entry in force puts them in, and they are an active member. */
    record Included(OverrideEntry entry) implements MembershipVerdict {
        @Override
        public boolean member() {
            return true;
        }

        @Override
        public String reason() {
            return "included by an override" + because(entry);
        }
    }

    /** The rule does not select the user and no include puts them in (or the user is not an active member). */
    record NotSelected(String reason) implements MembershipVerdict {
        @Override
        public boolean member() {
            return false;
        }
    }

    private static String because(OverrideEntry entry) {
        return entry.reason() == null ? "" : ": " + entry.reason();
    }
}
