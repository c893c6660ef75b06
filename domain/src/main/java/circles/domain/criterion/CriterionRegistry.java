package circles.domain.criterion;

import circles.domain.criterion.activity.ActivityData;
import circles.domain.criterion.activity.ActivityScoreCriterionType;
import circles.domain.criterion.activity.InactiveForCriterionType;
import circles.domain.criterion.activity.LastActiveWithinCriterionType;
import circles.domain.criterion.attribute.AttributeCriterionType;
import circles.domain.criterion.membership.MemberOfCriterionType;
import circles.domain.criterion.reporting.ReportsToCriterionType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** The criterion types known to this service, by key, in registration order. */
public final class CriterionRegistry {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Map<String, CriterionType> types = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException when a key is malformed or two types share one; the message names the
     *                                  classes involved, since it is what a failed start-up shows
     */
    public CriterionRegistry(List<? extends CriterionType> types) {
        for (CriterionType type : types) {
            Objects.requireNonNull(type, "criterion type");
            if (type.key() == null || !KEY.matcher(type.key()).matches()) {
                throw new IllegalArgumentException("criterion type " + type.getClass().getName()
                        + " has the key '" + type.key() + "'; a key is a lower-case letter followed by at most 63"
                        + " lower-case letters, digits and '_'");
            }
            CriterionType earlier = this.types.putIfAbsent(type.key(), type);
            if (earlier != null) {
                throw new IllegalArgumentException("two criterion types share the key '" + type.key() + "': "
                        + earlier.getClass().getName() + " and " + type.getClass().getName()
                        + "; each key may be registered once");
            }
        }
    }

    /** The built-in types (activity criteria come with activity data). */
    public static List<CriterionType> builtInTypes() {
        return List.of(new AttributeCriterionType(), new ReportsToCriterionType(), new MemberOfCriterionType(),
                new AllMembersCriterionType());
    }

    /** The activity criteria, reading {@code data}. */
    public static List<CriterionType> activityTypes(ActivityData data) {
        return List.of(new LastActiveWithinCriterionType(data), new InactiveForCriterionType(data),
                new ActivityScoreCriterionType(data));
    }

    /** The built-in types and the activity types reading {@code data}. */
    public static CriterionRegistry withBuiltIns(ActivityData data) {
        List<CriterionType> types = new java.util.ArrayList<>(builtInTypes());
        types.addAll(activityTypes(data));
        return new CriterionRegistry(types);
    }

    public static CriterionRegistry withBuiltIns() {
        return new CriterionRegistry(builtInTypes());
    }

    /**
     * The built-in types followed by those other modules contribute (found at start-up, in no particular order),
     * sorted by key so that the listing does not depend on the order of discovery.
     *
     * @throws IllegalArgumentException when a contributed type reuses a built-in key or another contributed one
     */
    public static CriterionRegistry withBuiltInsAnd(Collection<? extends CriterionType> contributed) {
        return with(builtInTypes(), contributed);
    }

    /** The built-in types, the activity types reading {@code data}, then the contributed ones sorted by key. */
    public static CriterionRegistry withBuiltInsAnd(ActivityData data,
                                                    Collection<? extends CriterionType> contributed) {
        List<CriterionType> builtIn = new ArrayList<>(builtInTypes());
        builtIn.addAll(activityTypes(data));
        return with(builtIn, contributed);
    }

    private static CriterionRegistry with(List<CriterionType> builtIn, Collection<? extends CriterionType> contributed) {
        List<CriterionType> all = new ArrayList<>(builtIn);
        contributed.stream()
                .map(type -> Objects.requireNonNull(type, "contributed criterion type"))
                .sorted(Comparator.comparing(CriterionType::key, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(all::add);
        return new CriterionRegistry(all);
    }

    public Optional<CriterionType> find(String key) {
        return Optional.ofNullable(key == null ? null : types.get(key));
    }

    public List<CriterionType> all() {
        return List.copyOf(types.values());
    }
}
