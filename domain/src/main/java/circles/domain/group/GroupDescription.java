package circles.domain.group;

import circles.domain.shared.Require;

import java.util.regex.Pattern;

/** The descriptive attributes of a group that carry no rule beyond their own format. */
public record GroupDescription(String name, String description, String email, String icon, String color) {
    public static final int NAME_MAX = 200;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public GroupDescription {
        name = Require.text(name, "name", NAME_MAX);
        description = Require.optionalText(description, "description", 2000);
        email = Require.matching(Require.optionalText(email, "email", 320), EMAIL, "email", "must be an email address");
        icon = Require.optionalText(icon, "icon", 512);
        color = Require.optionalText(color, "color", 32);
    }
}
