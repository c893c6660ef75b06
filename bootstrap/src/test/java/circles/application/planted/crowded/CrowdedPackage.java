package circles.application.planted.crowded;

/**
 * A planted violation for the architecture rules' own test: a package of 26 top-level classes, one more than a
 * package may hold. They share one source file, so the rule is seen to count classes.
 */
public final class CrowdedPackage {
}

final class Crowded02 {
}

final class Crowded03 {
}

final class Crowded04 {
}

final class Crowded05 {
}

final class Crowded06 {
}

final class Crowded07 {
}

final class Crowded08 {
}

final class Crowded09 {
}

final class Crowded10 {
}

final class Crowded11 {
}

final class Crowded12 {
}

final class Crowded13 {
}

final class Crowded14 {
}

final class Crowded15 {
}

final class Crowded16 {
}

final class Crowded17 {
}

final class Crowded18 {
}

final class Crowded19 {
}

final class Crowded20 {
}

final class Crowded21 {
}

final class Crowded22 {
}

final class Crowded23 {
}

final class Crowded24 {
}

final class Crowded25 {
}

final class Crowded26 {
}
