package circles.domain.criterion;

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

    public CriterionRegistry(List<? extends CriterionType> types) {
        for (CriterionType type : types) {
            Objects.requireNonNull(type, "criterion type");
            if (type.key() == null || !KEY.matcher(type.key()).matches()) {
                throw new IllegalArgumentException("criterion type key must be lower-case letters, digits and '_': "
                        + type.key());
            }
            if (this.types.putIfAbsent(type.key(), type) != null) {
                throw new IllegalArgumentException("two criterion types share the key " + type.key());
            }
        }
    }

    /** The built-in types of DESIGN §4 (activity criteria come with activity data). */
    public static List<CriterionType> builtInTypes() {
        return List.of(new AttributeCriterionType(), new ReportsToCriterionType(), new MemberOfCriterionType(),
                new AllMembersCriterionType());
    }

    /** The activity criteria of DESIGN §5, reading {@code data}. */
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

    public Optional<CriterionType> find(String key) {
        return Optional.ofNullable(key == null ? null : types.get(key));
    }

    public List<CriterionType> all() {
        return List.copyOf(types.values());
    }
}
