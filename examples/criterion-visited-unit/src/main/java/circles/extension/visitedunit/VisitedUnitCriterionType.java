package circles.extension.visitedunit;

import circles.domain.criterion.Candidate;
import circles.domain.criterion.ConfigReader;
import circles.domain.criterion.Criterion;
import circles.domain.criterion.CriterionType;
import circles.domain.criterion.EvaluationContext;
import circles.domain.criterion.Outcome;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code visited_unit} criterion of the Open edX seed ("Visited unit X"): members who visited a course unit,
 * optionally within the last N days. The whole extension in one class: the registry entry (key, title,
 * description, JSON Schema), the configuration parser and, nested, the configured criterion that judges one
 * member by asking its {@link UnitVisits} data source. It is registered by {@link VisitedUnitRegistration}.
 */
public final class VisitedUnitCriterionType implements CriterionType {
    public static final String KEY = "visited_unit";
    static final int MAX_UNIT_ID = 200;
    static final int MAX_DAYS = 3650;

    private final UnitVisits visits;

    public VisitedUnitCriterionType(UnitVisits visits) {
        this.visits = Objects.requireNonNull(visits, "visits");
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Visited unit";
    }

    @Override
    public String description() {
        return "Members who visited a course unit, ever or within the last withinDays days (as of the evaluation).";
    }

    @Override
    public String configSchema() {
        return """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": "visited_unit",
                  "type": "object",
                  "properties": {
                    "unitId": { "type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\\\S",
                                "description": "The unit's id in the learning platform, compared exactly" },
                    "withinDays": { "type": "integer", "minimum": 1, "maximum": 3650,
                                    "description": "Only visits in the last N days count; absent = any visit" }
                  },
                  "required": ["unitId"],
                  "additionalProperties": false
                }
                """;
    }

    /** Checks again what the schema says, so that callers without a schema validator get the same answers. */
    @Override
    public Criterion parse(Map<String, Object> config) {
        ConfigReader reader = new ConfigReader(config);
        String unitId = reader.text("unitId", true, MAX_UNIT_ID);
        Integer withinDays = null;
        Object days = reader.raw("withinDays");
        if (days != null) {
            withinDays = wholeNumber(days);
            if (withinDays == null || withinDays < 1 || withinDays > MAX_DAYS) {
                reader.error("withinDays", "must be a whole number of days from 1 to " + MAX_DAYS);
            }
        }
        reader.finish();
        return new VisitedUnit(unitId, withinDays, visits);
    }

    private static Integer wholeNumber(Object value) {
        if (!(value instanceof Number number)) {
            return null;
        }
        try {
            BigDecimal exact = new BigDecimal(number.toString());
            return exact.stripTrailingZeros().scale() <= 0 ? exact.intValueExact() : null;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /**
     * One configured {@code visited_unit} leaf. Absolute: the answer depends on the member's own visits only, so a
     * member is re-checked alone when their data changes.
     */
    public record VisitedUnit(String unitId, Integer withinDays, UnitVisits visits) implements Criterion {
        public VisitedUnit {
            Objects.requireNonNull(unitId, "unitId");
            Objects.requireNonNull(visits, "visits");
        }

        @Override
        public String type() {
            return KEY;
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("unitId", unitId);
            if (withinDays != null) {
                config.put("withinDays", withinDays);
            }
            return Collections.unmodifiableMap(config);
        }

        @Override
        public Outcome matches(Candidate member, EvaluationContext context) {
            Optional<Instant> last = visits.lastVisit(context.orgId(), member.userId(), unitId);
            if (last.isEmpty()) {
                return Outcome.of(false, "never visited unit " + unitId);
            }
            LocalDate day = LocalDate.ofInstant(last.get(), ZoneOffset.UTC);
            if (withinDays == null) {
                return Outcome.of(true, "visited unit " + unitId + " on " + day);
            }
            boolean recent = !last.get().isBefore(context.now().minus(Duration.ofDays(withinDays)));
            return recent
                    ? Outcome.of(true, "visited unit " + unitId + " on " + day + ", within the last " + withinDays
                            + " days")
                    : Outcome.of(false, "last visited unit " + unitId + " on " + day + ", more than " + withinDays
                            + " days ago");
        }

        @Override
        public boolean absolute() {
            return true;
        }

        @Override
        public String toString() {
            return KEY + config();
        }
    }
}
