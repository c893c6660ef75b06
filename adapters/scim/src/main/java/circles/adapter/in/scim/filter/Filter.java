package circles.adapter.in.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;

/** The syntax tree of a SCIM filter (RFC 7644 §3.4.2.2). */
public sealed interface Filter {

    enum Operator {
        EQ, NE, CO, SW, EW, PR, GT, GE, LT, LE
    }

    /** {@code attr op value}, or {@code attr pr} (then {@code value} is null). */
    record Comparison(AttributePath path, Operator operator, JsonNode value) implements Filter {
    }

    record And(Filter left, Filter right) implements Filter {
    }

    record Or(Filter left, Filter right) implements Filter {
    }

    record Not(Filter inner) implements Filter {
    }

    /** {@code attr[filter]}: some value of the multi-valued {@code attr} matches {@code filter}. */
    record ValuePath(AttributePath path, Filter filter) implements Filter {
    }
}
