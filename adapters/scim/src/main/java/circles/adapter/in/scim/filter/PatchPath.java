package circles.adapter.in.scim.filter;

/**
 * The target of a PATCH operation (RFC 7644 §3.5.2): an attribute, optionally narrowed to the values matching a
 * filter and then to one of their sub-attributes, e.g. {@code members[value eq "2819c223"]} or
 * {@code emails[type eq "work"].value}.
 */
public record PatchPath(AttributePath attribute, Filter valueFilter, String subAttribute) {

    public boolean filtered() {
        return valueFilter != null;
    }

    /** The sub-attribute the operation is about, from either form ({@code name.givenName} or {@code x[...].y}). */
    public String targetSubAttribute() {
        return subAttribute != null ? subAttribute : attribute.subAttribute();
    }
}
