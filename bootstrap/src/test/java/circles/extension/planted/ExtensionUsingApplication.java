package circles.extension.planted;

import circles.application.port.in.group.GetGroupUseCase;

/** A planted violation for the architecture rules' own test: an extension sees the domain only. */
public final class ExtensionUsingApplication {
    public Object groups(GetGroupUseCase groups) {
        return groups;
    }
}
