package circles.domain.org;

import java.util.UUID;

public record OrgId(UUID value) {
    public OrgId {
        java.util.Objects.requireNonNull(value, "org id");
    }

    public static OrgId random() {
        return new OrgId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
