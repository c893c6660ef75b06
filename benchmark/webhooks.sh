#!/usr/bin/env bash
# The webhook benchmark: builds the application, starts it (production profile, JVM) with a PostgreSQL 17 server on a
# fresh data folder, creates an org with one webhook endpoint (member additions) pointing at a local receiver, and
# measures: change committed -> first delivery attempt (one change at a time, p50/p99), deliveries per second for a
# burst of events made by one import, and the receiver's own rate when a local client hammers it alone (alternating
# with the bursts). Webhooks.java does the measuring and reporting; the machine (CPU model, load average before and
# after) is printed here. Targets (docs/design.md, Performance targets): p99 <= 1 s from commit to the first attempt,
# >= 1,000 deliveries/s to a local receiver.
#
# Deliveries are sent with the production defaults unless set here: the relay looks for new events every
# BENCH_RELAY_INTERVAL when idle (100ms), BENCH_DELIVERY_WORKERS senders (2) each claim up to BENCH_DELIVERY_BATCH
# deliveries (100) and send them in parallel, at most BENCH_DELIVERY_CONCURRENCY in flight (64).
# Needs: a JDK 21 or newer (JAVA_HOME, or one under /usr/lib/jvm), curl.
# Settings (environment): BENCH_CHANGES (200), BENCH_BURST (2000), BENCH_ROUNDS (3), BENCH_RELAY_INTERVAL (100ms),
# BENCH_DELIVERY_WORKERS (2), BENCH_DELIVERY_BATCH (100), BENCH_DELIVERY_CONCURRENCY (64), BENCH_MANAGEMENT_PORT (9094), BENCH_HTTP_PORT (8094), BENCH_PG_PORT (54360), BENCH_SKIP_BUILD (unset; 1 skips the
# Maven build), BENCH_JAVA_OPTS (-Xmx1g).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmark"
WORK="$BENCH/target/webhooks"
CHANGES="${BENCH_CHANGES:-200}"
BURST="${BENCH_BURST:-2000}"
ROUNDS="${BENCH_ROUNDS:-3}"
RELAY_INTERVAL="${BENCH_RELAY_INTERVAL:-100ms}"
DELIVERY_WORKERS="${BENCH_DELIVERY_WORKERS:-2}"
DELIVERY_BATCH="${BENCH_DELIVERY_BATCH:-100}"
DELIVERY_CONCURRENCY="${BENCH_DELIVERY_CONCURRENCY:-64}"
HTTP_PORT="${BENCH_HTTP_PORT:-8094}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-9094}"
PG_PORT="${BENCH_PG_PORT:-54360}"
JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g}"
BASE="http://localhost:$HTTP_PORT"
# Health (readiness) is served on the management port in production.
MANAGEMENT="http://localhost:$MANAGEMENT_PORT"
ISSUER="https://bench.circles.invalid"

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'webhook benchmark: %s\n' "$*" >&2; exit 1; }

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
  export CIRCLES_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1 CIRCLES_WEBHOOKS_RELAY_INTERVAL="$RELAY_INTERVAL"
  export CIRCLES_WEBHOOKS_DELIVERY_WORKERS="$DELIVERY_WORKERS" CIRCLES_WEBHOOKS_DELIVERY_BATCH="$DELIVERY_BATCH"
  export CIRCLES_WEBHOOKS_DELIVERY_CONCURRENCY="$DELIVERY_CONCURRENCY"
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
ADMIN_TOKEN="$(bench token "$WORK/keys" "$ISSUER" bench-webhooks-admin)"
ORG_ID="$(curl -sf -X POST "$BASE/v1/orgs" -H "Authorization: Bearer $PLATFORM_TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{"name": "Webhooks Bench", "slug": "webhooks-bench", "adminUserIds": ["bench-webhooks-admin"]}' \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')"
[ -n "$ORG_ID" ] || fail "could not create the org"

# CPU seconds (user + system) used so far by a process and its children that have ended (clock ticks of /proc).
cpu_of() {
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}
# The same for the PostgreSQL server: the postmaster, its ended backends, and the backends still running.
cpu_of_postgres() {
  local master total child
  master="$(head -1 "$WORK/pgdata/postmaster.pid")"
  total="$(cpu_of "$master")"
  for child in $(ps --ppid "$master" -o pid= 2>/dev/null); do
    total="$(awk -v a="$total" -v b="$(cpu_of "$child")" 'BEGIN { print a + b }')"
  done
  echo "$total"
}

# --- measure, report -------------------------------------------------------------------------------------
say "Machine"
grep -m1 'model name' /proc/cpuinfo
echo "cores: $(nproc)"
echo "load average at start: $(cat /proc/loadavg)"
echo "relay every $RELAY_INTERVAL when idle; $DELIVERY_WORKERS senders, batches of $DELIVERY_BATCH, at most $DELIVERY_CONCURRENCY attempts in flight; one instance"
APP_CPU_START="$(cpu_of "$APP_PID")"
PG_CPU_START="$(cpu_of_postgres)"
MEASURE_START="$(date +%s.%N)"
"$JAVA" --class-path "$APP_LIB/*" "$BENCH/Webhooks.java" --base="$BASE" --token="$ADMIN_TOKEN" --org="$ORG_ID" \
  --changes="$CHANGES" --burst="$BURST" --rounds="$ROUNDS"
echo "load average at end: $(cat /proc/loadavg)"
awk -v wall="$(awk -v a="$MEASURE_START" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" \
    -v app="$(awk -v a="$APP_CPU_START" -v b="$(cpu_of "$APP_PID")" 'BEGIN { print b - a }')" \
    -v pg="$(awk -v a="$PG_CPU_START" -v b="$(cpu_of_postgres)" 'BEGIN { print b - a }')" \
    'BEGIN { printf "CPU used while measuring (%.0f s wall, all phases): application %.1f s, PostgreSQL %.1f s\n", wall, app, pg }'
