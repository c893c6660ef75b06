package circles.application.port.in.provisioning;

import circles.domain.actor.UserId;
import circles.domain.group.GroupId;
import circles.domain.org.OrgId;
import circles.domain.provisioning.ProvisionedGroup;
import circles.domain.shared.Require;
import circles.domain.shared.RuleViolation;

import java.util.List;
import java.util.Optional;

/**
 * Changes a provisioned group (SCIM PUT and PATCH): its name, its externalId and its members, step by step in the
 * order given. Member steps touch only the members they name (a replacement deletes the others with one statement),
 * so a group's member list is never loaded, and concurrent member changes of one group all land.
 */
public interface ChangeProvisionedGroupUseCase {
    int MAX_NAMED_MEMBERS = 2 * ProvisionGroupUseCase.MAX_MEMBERS;

    ProvisionedGroup change(Command command);

    /**
     * {@code expectedVersion}: the version tag the change was based on, or null. {@code displayName} null keeps the
     * name; {@code externalId} null keeps it, empty removes it.
     */
    record Command(OrgId orgId, GroupId groupId, String expectedVersion, String displayName,
                   Optional<String> externalId, List<MemberStep> steps) {
        public Command {
            Require.present(orgId, "orgId");
            Require.present(groupId, "groupId");
            steps = steps == null ? List.of() : List.copyOf(steps);
            int named = steps.stream().mapToInt(step -> step.userIds().size()).sum();
            if (named > MAX_NAMED_MEMBERS) {
                throw RuleViolation.invalidField("members", "a change may name at most " + MAX_NAMED_MEMBERS
                        + " members");
            }
        }
    }

    /** One change of the member list. */
    sealed interface MemberStep {
        List<UserId> userIds();

        /** Adds these users (org members) as plain members; those in the group already stay as they are. */
        record Add(List<UserId> userIds) implements MemberStep {
            public Add {
                userIds = List.copyOf(userIds);
            }
        }

        /** Removes these users; those not in the group are ignored. */
        record Remove(List<UserId> userIds) implements MemberStep {
            public Remove {
                userIds = List.copyOf(userIds);
            }
        }

        /** Removes every member except these (none: every member). */
        record RetainOnly(List<UserId> userIds) implements MemberStep {
            public RetainOnly {
                userIds = List.copyOf(userIds);
            }
        }
    }
}
