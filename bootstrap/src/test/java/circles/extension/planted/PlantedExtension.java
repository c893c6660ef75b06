package circles.extension.planted;

/** A stand-in extension class for the architecture rules' own test; breaks no rule by itself. */
public final class PlantedExtension {
}
