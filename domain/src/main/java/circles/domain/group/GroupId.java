package circles.domain.group;

import java.util.Objects;
import java.util.UUID;

public record GroupId(UUID value) {
    public GroupId {
        Objects.requireNonNull(value, "group id");
    }

    public static GroupId random() {
        return new GroupId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
