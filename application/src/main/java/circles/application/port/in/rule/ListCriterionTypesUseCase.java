package circles.application.port.in.rule;

import java.util.List;
import java.util.Objects;

/** The criterion types rules may use, for UIs that render rule forms; every signed-in caller may read them. */
public interface ListCriterionTypesUseCase {

    /** One registered type: {@code schema} is the JSON Schema of its configuration as JSON text. */
    record CriterionTypeView(String key, String title, String description, String schema, List<String> fields,
                             List<String> operators) {
        public CriterionTypeView {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(schema, "schema");
            fields = List.copyOf(fields);
            operators = List.copyOf(operators);
        }
    }

    List<CriterionTypeView> listCriterionTypes();
}
