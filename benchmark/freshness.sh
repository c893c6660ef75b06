#!/usr/bin/env bash
# The event-driven freshness benchmark: builds the application, starts it (production profile, JVM) with a
# PostgreSQL 17 server on a fresh data folder, seeds an org of 100,000 members (imported as CSV: a department tree of
# 228 nodes four levels deep, 50 locations in a tree, 1,000 job titles, a reporting tree of fan-out 10, a custom
# attribute) with 20 dynamic groups (tree, prefix, reporting-line, four-criterion and member_of rules), then changes
# one member's profile at a time through the API and measures how long after the commit the change is in the
# snapshots of every dynamic group it concerns. Freshness.java does the seeding, measuring and reporting.
# Target (docs/design.md, Performance targets): p99 <= 100 ms from commit to updated snapshot.
#
# Needs: a JDK 21 or newer (JAVA_HOME, or one under /usr/lib/jvm), curl.
# Settings (environment): BENCH_MEMBERS (100000), BENCH_CHANGES (500), BENCH_WARMUP_CHANGES (100),
# BENCH_MANAGEMENT_PORT (9093), BENCH_HTTP_PORT (8093), BENCH_PG_PORT (54359), BENCH_SKIP_BUILD (unset; 1 skips the Maven build),
# BENCH_JAVA_OPTS (-Xmx2g: creating a group evaluates its rule over the org in memory).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmark"
WORK="$BENCH/target/freshness"
MEMBERS="${BENCH_MEMBERS:-100000}"
CHANGES="${BENCH_CHANGES:-500}"
WARMUP_CHANGES="${BENCH_WARMUP_CHANGES:-100}"
HTTP_PORT="${BENCH_HTTP_PORT:-8093}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-9093}"
PG_PORT="${BENCH_PG_PORT:-54359}"
JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx2g}"
BASE="http://localhost:$HTTP_PORT"
# Health (readiness) is served on the management port in production.
MANAGEMENT="http://localhost:$MANAGEMENT_PORT"
ISSUER="https://bench.circles.invalid"

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'freshness benchmark: %s\n' "$*" >&2; exit 1; }

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JAVA_HOME="$(pick_jdk)" || fail "no JDK 21 or newer found; set JAVA_HOME"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
command -v curl >/dev/null || fail "curl is missing"
bench() { "$JAVA" "$BENCH/Bench.java" "$@"; }

APP_PID=""
PG_PID=""
stop() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$1" 2>/dev/null || true
}
stop_all() {
  stop "$APP_PID"; APP_PID=""
  stop "$PG_PID"; PG_PID=""
  local pidfile="$WORK/pgdata/postmaster.pid" pid
  pid="$(head -1 "$pidfile" 2>/dev/null || true)"
  if [ -n "$pid" ] && [ "$(ps -p "$pid" -o comm= 2>/dev/null)" = postgres ]; then
    stop "$pid"
  fi
  return 0
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# --- build, database, application -------------------------------------------------------------------
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  say "Building the application (./mvnw -B -q package -DskipTests)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
APP_JAR="$ROOT/bootstrap/target/quarkus-app/quarkus-run.jar"
APP_LIB="$ROOT/bootstrap/target/quarkus-app/lib/main"
[ -f "$APP_JAR" ] || fail "$APP_JAR is missing: build first"

rm -rf "$WORK"
mkdir -p "$WORK"
bench keys "$WORK/keys"
curl -s -o /dev/null "$BASE/q/health/live" && fail "something already listens on port $HTTP_PORT (set BENCH_HTTP_PORT)"

say "Starting PostgreSQL on port $PG_PORT (data in $WORK/pgdata)"
"$JAVA" --class-path "$APP_LIB/*" "$BENCH/Postgres.java" "$WORK/pgdata" "$PG_PORT" >"$WORK/postgres-launcher.log" 2>&1 &
PG_PID=$!
for i in $(seq 1 240); do
  grep -q '^ready' "$WORK/postgres-launcher.log" 2>/dev/null && break
  kill -0 "$PG_PID" 2>/dev/null || { cat "$WORK/postgres-launcher.log" >&2; fail "PostgreSQL did not start"; }
  [ "$i" -eq 240 ] && fail "PostgreSQL is not ready after 120 s ($WORK/postgres-launcher.log)"
  sleep 0.5
done

say "Starting Circles on port $HTTP_PORT (production profile, JVM, $JAVA_OPTS)"
(
  cd "$WORK"
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/circles"
  export QUARKUS_DATASOURCE_USERNAME=circles QUARKUS_DATASOURCE_PASSWORD=circles
  CIRCLES_CURSOR_KEYS="bench:$(head -c 32 /dev/urandom | base64)"
  export CIRCLES_CURSOR_KEYS
  CIRCLES_SECRETS_KEYS="bench:$(head -c 32 /dev/urandom | base64)"
  export CIRCLES_SECRETS_KEYS
  unset QUARKUS_OIDC_AUTH_SERVER_URL
  # shellcheck disable=SC2086
  exec "$JAVA" $JAVA_OPTS \
    -Dquarkus.http.port="$HTTP_PORT" \
    -Dquarkus.management.port="$MANAGEMENT_PORT" \
    -Dquarkus.oidc.public-key="$(cat "$WORK/keys/public.b64")" \
    -Dquarkus.oidc.token.issuer="$ISSUER" \
    -Dquarkus.log.console.json.enabled=false \
    -jar "$APP_JAR" >"$WORK/app.log" 2>&1
) &
APP_PID=$!
for i in $(seq 1 240); do
  curl -sf -o /dev/null "$MANAGEMENT/q/health/ready" && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$WORK/app.log" >&2; fail "the application stopped (log: $WORK/app.log)"; }
  [ "$i" -eq 240 ] && { tail -40 "$WORK/app.log" >&2; fail "the application is not ready after 120 s"; }
  sleep 0.5
done

PLATFORM_TOKEN="$(bench token "$WORK/keys" "$ISSUER" bench-platform-admin platform-admin)"
ADMIN_TOKEN="$(bench token "$WORK/keys" "$ISSUER" bench-freshness-admin)"
ORG_ID="$(curl -sf -X POST "$BASE/v1/orgs" -H "Authorization: Bearer $PLATFORM_TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{"name": "Freshness Bench", "slug": "freshness-bench", "adminUserIds": ["bench-freshness-admin"]}' \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')"
[ -n "$ORG_ID" ] || fail "could not create the org"

# --- seed, measure, report -------------------------------------------------------------------------------
"$JAVA" --class-path "$APP_LIB/*" "$BENCH/Freshness.java" --base="$BASE" --token="$ADMIN_TOKEN" --org="$ORG_ID" \
  --pg-port="$PG_PORT" --members="$MEMBERS" --changes="$CHANGES" --warmup="$WARMUP_CHANGES" --work="$WORK" \
  --java-opts="$JAVA_OPTS"
