package circles.adapter.in.scim.filter;

import java.util.Locale;

/**
 * An attribute reference of a filter, a sort or a PATCH path: {@code [schemaUri:]name[.subAttribute]}, e.g.
 * {@code emails.value} or {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}.
 * Names compare without regard to case, as RFC 7643 §2.1 says.
 */
public record AttributePath(String schema, String name, String subAttribute) {

    /** Parses one attribute reference; null when {@code text} is not one. */
    public static AttributePath parse(String text) {
        String schema = null;
        String rest = text;
        if (text.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = text.lastIndexOf(':');
            schema = text.substring(0, colon);
            rest = text.substring(colon + 1);
        }
        int dot = rest.indexOf('.');
        String name = dot < 0 ? rest : rest.substring(0, dot);
        String sub = dot < 0 ? null : rest.substring(dot + 1);
        if (!isName(name) || (sub != null && !isName(sub)) || (schema != null && schema.length() <= 4)) {
            return null;
        }
        return new AttributePath(schema, name, sub);
    }

    /** RFC 7643 ATTRNAME (with {@code $ref}). */
    static boolean isName(String name) {
        if (name.equals("$ref")) {
            return true;
        }
        if (name.isEmpty() || !Character.isLetter(name.charAt(0)) || name.charAt(0) > 127) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 127 || !(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The same reference below a value path's attribute, e.g. {@code value} inside {@code emails[...]}. */
    public AttributePath withSubAttribute(String sub) {
        return new AttributePath(schema, name, sub);
    }

    /** {@code name.sub}, lower case, without the schema: how attribute rules (case exactness) are looked up. */
    public String key() {
        return (subAttribute == null ? name : name + "." + subAttribute).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        String local = subAttribute == null ? name : name + "." + subAttribute;
        return schema == null ? local : schema + ":" + local;
    }
}
