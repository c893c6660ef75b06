# Shared by the benchmark scripts (sourced, not run): the JDK they run the application and their Java programs with.

# The major version of the JDK at $1.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F' = ' '/java.specification.version/ {print $2}' | cut -d. -f1; }

# A JDK 21 or newer: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null && { echo "$candidate"; return 0; }
  done
  return 1
}
