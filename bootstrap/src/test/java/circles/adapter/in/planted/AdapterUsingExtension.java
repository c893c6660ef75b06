package circles.adapter.in.planted;

import circles.extension.planted.PlantedExtension;

/** A planted violation for the architecture rules' own test: extensions are discovered, never named. */
public final class AdapterUsingExtension {
    public Object extension(PlantedExtension extension) {
        return extension;
    }
}
