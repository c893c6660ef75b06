package circles.domain.group;

import circles.domain.shared.Require;

import java.util.regex.Pattern;

/** The descriptive attributes of a group that carry no rule beyond their own format. */
public record GroupDescription(String name, String description, String email, String icon, String color) {
    public static final int NAME_MAX = 200;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?([0-9a-fA-F]{2})?|[a-z]{3,20}");

    public GroupDescription {
        name = Require.text(name, "name", NAME_MAX);
        description = Require.optionalText(description, "description", 2000);
        email = Require.matching(Require.optionalText(email, "email", 320), EMAIL, "email", "must be an email address");
        icon = Require.optionalText(icon, "icon", 64);
        color = Require.matching(Require.optionalText(color, "color", 20), COLOR, "color",
                "must be a hex color such as #7c3aed or a color name");
    }
}
