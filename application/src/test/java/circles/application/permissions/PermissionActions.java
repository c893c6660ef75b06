package circles.application.permissions;

import circles.application.permissions.PermissionCall.Caller;
import circles.application.permissions.PermissionCall.MemberChange;
import circles.application.permissions.PermissionCall.Validity;
import circles.domain.group.GroupPermission;
import circles.domain.group.GroupRole;
import circles.domain.group.MembershipStatus;
import circles.domain.group.Visibility;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.ChangeDetector;
import net.jqwik.api.state.Transformer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Random sequences of calls by random callers, drawn from the model's current state (existing groups, their
 * members). Org admins create most of the groups, so trees grow; everyone else tries everything.
 */
public final class PermissionActions {

    private PermissionActions() {
    }

    /** Chains of at most {@code maxSteps} calls, each run on a fresh {@link PermissionRun}. */
    public static ActionChainArbitrary<PermissionRun> chains(Supplier<PermissionRun> start, int maxSteps) {
        return ActionChain.<PermissionRun>startWith(start)
                .withAction(new NextCall())
                .withMaxTransformations(maxSteps)
                .improveShrinkingWith(WorldChanges::new);
    }

    /** Calls that changed nothing (refusals, reads) can go without regenerating the calls after them. */
    static final class WorldChanges implements ChangeDetector<PermissionRun> {
        private String before;

        @Override
        public void before(PermissionRun run) {
            before = run.model().fingerprint();
        }

        @Override
        public boolean hasChanged(PermissionRun run) {
            return !before.equals(run.model().fingerprint());
        }
    }

    /** The next call, drawn from what exists now. */
    static final class NextCall implements Action.Dependent<PermissionRun> {
        @Override
        public Arbitrary<Transformer<PermissionRun>> transformer(PermissionRun run) {
            return calls(run.model()).map(call -> Transformer.mutate(call.toString(), state -> state.step(call)));
        }
    }

    static Arbitrary<PermissionCall> calls(PermissionModel model) {
        List<String> all = new ArrayList<>(model.groups().keySet());
        List<String> statics = model.groups().values().stream().filter(group -> !group.dynamic)
                .map(group -> group.name).toList();
        String next = model.nextGroupName();
        // the arbitraries below may be evaluated again while shrinking, when the model has moved on: they read
        // this snapshot of the members, never the live model
        Map<String, List<String>> members = new HashMap<>();
        model.groups().forEach((name, group) -> members.put(name, List.copyOf(group.members.keySet())));
        List<Tuple.Tuple2<Integer, Arbitrary<? extends PermissionCall>>> choices = new ArrayList<>();
        choices.add(Tuple.of(3, Combinators.combine(creators(), visibilities(), Arbitraries.of(true, false))
                .as((caller, visibility, invites) -> new PermissionCall.CreateTopLevelGroup(caller, next,
                        visibility, invites))));
        choices.add(Tuple.of(1, tokens().flatMap(token -> users().map(user ->
                new PermissionCall.ScimDeactivateUser(token, user)))));
        if (!statics.isEmpty()) {
            Arbitrary<String> group = Arbitraries.of(statics);
            List<String> withMembers = statics.stream().filter(name -> !members.get(name).isEmpty()).toList();
            Arbitrary<String> membered = withMembers.isEmpty() ? group
                    : Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(withMembers)), Tuple.of(1, group));
            choices.add(Tuple.of(4, Combinators.combine(creators(), group, visibilities(), Arbitraries.of(true, false))
                    .as((caller, parent, visibility, invites) -> new PermissionCall.CreateSubgroup(caller, next,
                            parent, visibility, invites))));
            choices.add(Tuple.of(8, group.flatMap(name -> Combinators.combine(callerIn(members.get(name)), users(),
                            roles(), permissions(), Arbitraries.of(MembershipStatus.ACTIVE, MembershipStatus.ACTIVE,
                                    MembershipStatus.PENDING))
                    .as((caller, user, role, permissions, status) -> new PermissionCall.AddMember(caller, name, user,
                            role, permissions, status)))));
            choices.add(Tuple.of(6, membered.flatMap(name -> Combinators.combine(callerIn(members.get(name)), changes())
                    .flatAs((caller, change) -> memberOrAnyone(members.get(name), caller)
                            .map(user -> new PermissionCall.ChangeMember(caller, name, user, change))))));
            choices.add(Tuple.of(3, membered.flatMap(name -> callerIn(members.get(name))
                    .flatMap(caller -> memberOrAnyone(members.get(name), caller)
                            .map(user -> new PermissionCall.RemoveMember(caller, name, user))))));
            choices.add(Tuple.of(3, group.flatMap(name -> Combinators.combine(callerIn(members.get(name)),
                            Arbitraries.of(statics).injectNull(0.3))
                    .as((caller, parent) -> new PermissionCall.MoveGroup(caller, name, parent)))));
            choices.add(Tuple.of(1, Combinators.combine(creators(), group, Arbitraries.of(Visibility.PRIVATE,
                    Visibility.ORGANIZATION)).as((caller, memberOf, visibility) ->
                    new PermissionCall.CreateDynamicGroup(caller, next, memberOf, visibility))));
            choices.add(Tuple.of(1, Combinators.combine(people(), group).as(PermissionCall.PreviewRule::new)));
        }
        if (!all.isEmpty()) {
            Arbitrary<String> group = Arbitraries.of(all);
            choices.add(Tuple.of(2, group.flatMap(name -> callerIn(members.get(name))
                    .map(caller -> new PermissionCall.DeleteSubtree(caller, name)))));
            choices.add(Tuple.of(2, Combinators.combine(people(), group).as(PermissionCall.ReadGroup::new)));
            choices.add(Tuple.of(1, Combinators.combine(people(), group).as(PermissionCall.ListMembers::new)));
        }
        return Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
    }

    /**
     * Callers of a call on a group: often one of its members (whatever their role and status), then its
     * administrators, then anyone.
     */
    private static Arbitrary<Caller> callerIn(List<String> members) {
        List<Tuple.Tuple2<Integer, Arbitrary<Caller>>> choices = new ArrayList<>();
        if (!members.isEmpty()) {
            choices.add(Tuple.of(6, Arbitraries.of(members).map(Caller.Person::new)));
        }
        choices.add(Tuple.of(2, Arbitraries.of(PermissionModel.PLATFORM_ADMIN, PermissionModel.ORG_ADMINS.get(0),
                PermissionModel.ORG_ADMINS.get(1), PermissionModel.IT_ADMIN).map(Caller.Person::new)));
        choices.add(Tuple.of(3, people()));
        return Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
    }

    /** Mostly a member of the group (often the caller themselves), sometimes anyone. */
    private static Arbitrary<String> memberOrAnyone(List<String> members, Caller caller) {
        if (members.isEmpty()) {
            return users();
        }
        List<Tuple.Tuple2<Integer, Arbitrary<String>>> choices = new ArrayList<>();
        choices.add(Tuple.of(6, Arbitraries.of(members)));
        choices.add(Tuple.of(1, users()));
        if (caller instanceof Caller.Person person && members.contains(person.userId())) {
            choices.add(Tuple.of(2, Arbitraries.just(person.userId())));
        }
        return Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
    }

    /** Every person, plain members most often (they hold the group roles). */
    static Arbitrary<Caller> people() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(PermissionModel.PLATFORM_ADMIN)),
                Tuple.of(3, Arbitraries.of(PermissionModel.ORG_ADMINS)),
                Tuple.of(2, Arbitraries.just(PermissionModel.IT_ADMIN)),
                Tuple.of(10, Arbitraries.of(PermissionModel.PLAIN_MEMBERS)),
                Tuple.of(1, Arbitraries.just(PermissionModel.OUTSIDER))).map(Caller.Person::new);
    }

    /** Callers of group creation: mostly those who may, so that trees grow. */
    static Arbitrary<Caller> creators() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(PermissionModel.ORG_ADMINS)),
                Tuple.of(3, Arbitraries.just(PermissionModel.IT_ADMIN)),
                Tuple.of(1, Arbitraries.just(PermissionModel.PLATFORM_ADMIN)),
                Tuple.of(5, Arbitraries.of(PermissionModel.PLAIN_MEMBERS)),
                Tuple.of(1, Arbitraries.just(PermissionModel.OUTSIDER))).map(Caller.Person::new);
    }

    static Arbitrary<Caller> tokens() {
        return Arbitraries.of(PermissionModel.TOKEN_ISSUERS).map(Caller.ScimToken::new);
    }

    /** Targets of memberships: the org's people and the outsider. */
    static Arbitrary<String> users() {
        return Arbitraries.of(PermissionModel.PEOPLE.stream()
                .filter(person -> !person.equals(PermissionModel.PLATFORM_ADMIN)).toList());
    }

    static Arbitrary<Visibility> visibilities() {
        return Arbitraries.of(Visibility.class);
    }

    static Arbitrary<GroupRole> roles() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(GroupRole.OWNER)),
                Tuple.of(2, Arbitraries.just(GroupRole.ADMIN)),
                Tuple.of(3, Arbitraries.just(GroupRole.MODERATOR)),
                Tuple.of(5, Arbitraries.just(GroupRole.MEMBER)));
    }

    /** Mostly none; sometimes one or two of the extra rights the API lets anyone ask for. */
    static Arbitrary<Set<GroupPermission>> permissions() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Set.of())),
                Tuple.of(1, Arbitraries.of(GroupPermission.MANAGE_MEMBERS, GroupPermission.MANAGE_SETTINGS,
                        GroupPermission.SEND_NOTIFICATIONS).set().ofMinSize(1).ofMaxSize(2)));
    }

    static Arbitrary<MemberChange> changes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, roles().map(role -> new MemberChange(role, null, null, null))),
                Tuple.of(3, Arbitraries.of(MembershipStatus.class).map(status ->
                        new MemberChange(null, status, null, null))),
                Tuple.of(2, Arbitraries.of(Validity.class).map(validity ->
                        new MemberChange(null, null, validity, null))),
                Tuple.of(2, permissions().map(permissions -> new MemberChange(null, null, null, permissions))));
    }
}
