package circles.application.port.in.member;

import circles.domain.shared.FieldError;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a member import as read from the request, before any rule is checked. {@code values} holds the
 * fields the row names: a {@code null} value clears the field, a field the row does not name stays as it is.
 * Custom attributes merge key by key ({@code null} removes a key); {@code clearCustomAttributes} drops every
 * stored attribute first. {@code errors} are problems the reader found in the row itself (e.g. a CSV record
 * with the wrong number of fields); such a row fails.
 *
 * @param index the row's position in the file, from 0 (CSV: the first record after the header)
 */
public record ImportRow(int index, Map<ImportField, String> values, boolean clearCustomAttributes,
                        Map<String, String> customAttributes, List<FieldError> errors) {
    public ImportRow {
        values = Collections.unmodifiableMap(values.isEmpty() ? new EnumMap<>(ImportField.class)
                : new EnumMap<>(values));
        customAttributes = customAttributes == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(customAttributes));
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public boolean names(ImportField field) {
        return values.containsKey(field);
    }

    public String value(ImportField field) {
        return values.get(field);
    }
}
