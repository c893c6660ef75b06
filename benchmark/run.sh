#!/usr/bin/env bash
# The Circles benchmark: builds the application, starts it (production profile, JVM mode) with a
# PostgreSQL 17 server on a fresh data folder, seeds an org with 10,000 groups and a user in 200
# of them through the API, measures over HTTP with 8 concurrent clients, prints the figures next to
# their targets (docs/design.md, Performance targets), and stops the application. See benchmark/README.md.
#
# Needs: a JDK 21 or newer (JAVA_HOME, or one under /usr/lib/jvm), wrk, curl.
# Settings (environment): BENCH_GROUPS (10000), BENCH_MEMBER_GROUPS (200), BENCH_CLIENTS (8),
# BENCH_SECONDS (20, per measurement), BENCH_WARMUP (10), BENCH_MANAGEMENT_PORT (9089), BENCH_HTTP_PORT (8089),
# BENCH_PG_PORT (54339), BENCH_SKIP_BUILD (unset; 1 skips the Maven build), BENCH_JAVA_OPTS (JVM
# options of the application, none by default), BENCH_WAIT_QUIET (180; seconds to wait for an idle
# machine before starting).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmark"
WORK="$BENCH/target/groups"
N_GROUPS="${BENCH_GROUPS:-10000}"
MEMBER_GROUPS="${BENCH_MEMBER_GROUPS:-200}"
CLIENTS="${BENCH_CLIENTS:-8}"
SECONDS_EACH="${BENCH_SECONDS:-20}"
WARMUP="${BENCH_WARMUP:-10}"
HTTP_PORT="${BENCH_HTTP_PORT:-8089}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-9089}"
PG_PORT="${BENCH_PG_PORT:-54339}"
BASE="http://localhost:$HTTP_PORT"
# Health (readiness) is served on the management port in production.
MANAGEMENT="http://localhost:$MANAGEMENT_PORT"
ISSUER="https://bench.circles.invalid"
WRK_THREADS=2

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'benchmark: %s\n' "$*" >&2; exit 1; }

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JAVA_HOME="$(pick_jdk)" || fail "no JDK 21 or newer found; set JAVA_HOME"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
if ! command -v wrk >/dev/null; then
  # The benchmark installs its load generator where it can (Debian/Ubuntu, as root or with sudo).
  if command -v apt-get >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "wrk is missing: installing it with apt-get"
    $SUDO apt-get install -y -q wrk >/dev/null 2>&1 || { $SUDO apt-get update -q >/dev/null 2>&1 && $SUDO apt-get install -y -q wrk >/dev/null 2>&1; } || true
  fi
  command -v wrk >/dev/null || fail "wrk is missing and could not be installed (Debian/Ubuntu: apt-get install wrk)"
fi
command -v curl >/dev/null || fail "curl is missing"
bench() { "$JAVA" "$BENCH/Bench.java" "$@"; }

APP_PID=""
PG_PID=""
# stop PID: SIGTERM, then up to 30 s for it to end, then SIGKILL.
stop() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$1" 2>/dev/null || true
}
stop_app() {
  stop "$APP_PID"; APP_PID=""
  stop "$PG_PID"; PG_PID=""
  # Should the server outlive its launcher, stop it through its pid file.
  local pidfile="$WORK/pgdata/postmaster.pid" pid
  pid="$(head -1 "$pidfile" 2>/dev/null || true)"
  if [ -n "$pid" ] && [ "$(ps -p "$pid" -o comm= 2>/dev/null)" = postgres ]; then
    stop "$pid"
  fi
  return 0
}
trap stop_app EXIT
trap 'exit 130' INT TERM

# --- 1. build ----------------------------------------------------------------------------------------
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  say "Building the application (./mvnw -B -q package -DskipTests)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
APP_JAR="$ROOT/bootstrap/target/quarkus-app/quarkus-run.jar"
[ -f "$APP_JAR" ] || fail "$APP_JAR is missing: build first"

# The figures only mean something on an otherwise idle machine: wait (up to BENCH_WAIT_QUIET seconds,
# default 180, as the build itself leaves some) for the 1-minute load average to fall below 1, and record it.
load1() { cut -d' ' -f1 /proc/loadavg; }
quiet() { awk -v l="$(load1)" 'BEGIN { exit !(l < 1.0) }'; }
for _ in $(seq 1 $(( ${BENCH_WAIT_QUIET:-180} / 10 ))); do
  quiet && break
  echo "waiting for a quiet machine (load average $(load1))"; sleep 10
done
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
quiet || echo "WARNING: load average $LOAD_AT_START before the start: other work competes for the CPUs," \
  "the figures will be too low (BENCH_WAIT_QUIET=600 waits for a quiet machine)" >&2

# --- 2. bench key pair, fresh database folder, start ---------------------------------------------------
rm -rf "$WORK"
mkdir -p "$WORK"
bench keys "$WORK/keys"
if curl -s -o /dev/null "$BASE/q/health/live"; then
  fail "something already listens on port $HTTP_PORT (set BENCH_HTTP_PORT)"
fi

say "Starting PostgreSQL on port $PG_PORT (data in $WORK/pgdata)"
# The embedded-postgres binaries the application ships for dev mode, as a separate server: the
# packaged application never starts a database itself.
APP_LIB="$ROOT/bootstrap/target/quarkus-app/lib/main"
"$JAVA" --class-path "$APP_LIB/*" "$BENCH/Postgres.java" "$WORK/pgdata" "$PG_PORT" >"$WORK/postgres-launcher.log" 2>&1 &
PG_PID=$!
for i in $(seq 1 240); do
  grep -q '^ready' "$WORK/postgres-launcher.log" 2>/dev/null && break
  kill -0 "$PG_PID" 2>/dev/null || { cat "$WORK/postgres-launcher.log" >&2; fail "PostgreSQL did not start"; }
  [ "$i" -eq 240 ] && fail "PostgreSQL is not ready after 120 s ($WORK/postgres-launcher.log)"
  sleep 0.5
done

say "Starting Circles on port $HTTP_PORT (production profile, JVM)"
# Tokens are verified with the bench public key and issuer. No auth-server-url is given: with one,
# Quarkus OIDC would fetch the keys from that server.
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
  exec "$JAVA" ${BENCH_JAVA_OPTS:-} \
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
echo "ready (log: $WORK/app.log)"

# --- 3. seed -------------------------------------------------------------------------------------------
say "Seeding: one org, $N_GROUPS groups, a user in $MEMBER_GROUPS of them ($CLIENTS clients, through the API)"
bench seed --base="$BASE" --keys="$WORK/keys" --issuer="$ISSUER" --out="$WORK" \
  --groups="$N_GROUPS" --member-groups="$MEMBER_GROUPS" --clients="$CLIENTS"
# shellcheck disable=SC1091
source "$WORK/bench.env"
# Planner statistics as a running server has them: autovacuum gathers them a minute or two after a
# bulk load; until then the list queries may run with plans made for an empty table.
"$JAVA" --class-path "$APP_LIB/*" "$BENCH/Postgres.java" analyze "$PG_PORT" 2>/dev/null
# One request answers all of the user's groups (limit 500 is the maximum).
echo "/v1/me/groups?limit=500" >"$WORK/me-paths.txt"
echo "/v1/orgs/$ORG_ID/members/$MEMBER_ID/groups?limit=500" >"$WORK/member-paths.txt"

# --- 4. measure ----------------------------------------------------------------------------------------
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
# CPU accounting of a measurement, in clock ticks: the whole machine (time in processes, and time
# stolen by the hypervisor), the application, PostgreSQL (postmaster, its processes and those it
# reaped), and this script's finished children (wrk, the walk client). "Others" is what remains: work
# of unrelated processes that competed for the CPUs. Interrupt time (the loopback network) is left out.
HZ="$(getconf CLK_TCK)"
NCPU="$(nproc)"
proc_ticks() {
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$(( total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$pid/stat") ))
  done
  echo "$total"
}
# cpu_snapshot VAR: stores the counters in VAR (it must run in this shell, for "times").
cpu_snapshot() {
  local postmaster children
  postmaster="$(head -1 "$WORK/pgdata/postmaster.pid")"
  times >"$WORK/times.txt"
  children="$(awk -v hz="$HZ" 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/);
    printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * hz }' "$WORK/times.txt")"
  printf -v "$1" '%s %s %s %s %s' \
    "$(awk '/^cpu / { print $2 + $3 + $4, $9 }' /proc/stat)" \
    "$(proc_ticks "$APP_PID")" \
    "$(proc_ticks "$postmaster" $(pgrep -P "$postmaster" || true))" \
    "$children" "$(date +%s.%N)"
}
# cpu_note BEFORE AFTER COUNT UNIT: appends the CPU figures to the last line of the results.
cpu_note() {
  local note
  note="$(awk -v hz="$HZ" -v ncpu="$NCPU" -v n="$3" -v unit="$4" -v b="$1" -v a="$2" 'BEGIN {
    split(b, x, " "); split(a, y, " ");
    capacity = (y[6] - x[6]) * hz * ncpu;
    others = (y[1] - x[1]) - (y[3] - x[3]) - (y[4] - x[4]) - (y[5] - x[5]);
    if (others < 0) others = 0;
    printf "CPU per " unit ": app %.2f ms, PostgreSQL %.2f ms, load generator %.2f ms; other processes %.0f%%, steal %.0f%% of the %d CPUs",
      (y[3] - x[3]) * 1000 / hz / n, (y[4] - x[4]) * 1000 / hz / n, (y[5] - x[5]) * 1000 / hz / n,
      100 * others / capacity, 100 * (y[2] - x[2]) / capacity, ncpu }')"
  sed -i "\$ s|\$|; $note|" "$RESULTS"
}
# measure NAME UNIT TOKEN MODE PATHS: a warm-up run, then the measured run, both with $CLIENTS connections.
measure() {
  local name="$1" unit="$2" token="$3" mode="$4" paths="$5"
  say "$name: warm-up ${WARMUP}s, then ${SECONDS_EACH}s with $CLIENTS connections"
  BENCH_TOKEN="$token" BENCH_MODE="$mode" BENCH_PATHS="$paths" BENCH_ORG="$ORG_ID" BENCH_PHASE=warmup \
    BENCH_NAME="$name" BENCH_RESULTS="" \
    wrk -t"$WRK_THREADS" -c"$CLIENTS" -d"${WARMUP}s" --timeout 10s -s "$BENCH/bench.lua" "$BASE" >/dev/null
  local before after
  cpu_snapshot before
  BENCH_TOKEN="$token" BENCH_MODE="$mode" BENCH_PATHS="$paths" BENCH_ORG="$ORG_ID" BENCH_PHASE=run \
    BENCH_NAME="$name" BENCH_UNIT="$unit" BENCH_RESULTS="$RESULTS" \
    wrk -t"$WRK_THREADS" -c"$CLIENTS" -d"${SECONDS_EACH}s" --timeout 10s --latency -s "$BENCH/bench.lua" "$BASE" \
    >"$WORK/wrk-$name.txt"
  cpu_snapshot after
  cpu_note "$before" "$after" "$(tail -1 "$RESULTS" | cut -f7)" request
  sed -n '/Latency Distribution/,/Requests\/sec/p;/Non-2xx/p' "$WORK/wrk-$name.txt"
}
measure page-100 req/s "$ADMIN_TOKEN" get "$WORK/page-paths.txt"
measure me-groups req/s "$MEMBER_TOKEN" get "$WORK/me-paths.txt"
measure member-groups req/s "$MEMBER_TOKEN" get "$WORK/member-paths.txt"
say "list-all: $CLIENTS clients each walking all groups of the org (limit 500), warm-up ${WARMUP}s, then ${SECONDS_EACH}s"
bench walk --base="$BASE" --token="$ADMIN_TOKEN" --org="$ORG_ID" --results=/dev/null \
  --limit=500 --clients="$CLIENTS" --seconds="$WARMUP" --warmup=0 >/dev/null
cpu_snapshot WALK_BEFORE
bench walk --base="$BASE" --token="$ADMIN_TOKEN" --org="$ORG_ID" --results="$RESULTS" \
  --limit=500 --clients="$CLIENTS" --seconds="$SECONDS_EACH" --warmup=0
cpu_snapshot WALK_AFTER
# Per complete walk (the load generator's share includes the start of its JVM).
cpu_note "$WALK_BEFORE" "$WALK_AFTER" "$(tail -1 "$RESULTS" | cut -f7)" walk
# Last, because it adds groups to the org.
measure create groups/s "$ADMIN_TOKEN" create ""

# --- 5. report -----------------------------------------------------------------------------------------
PSQL="$(command -v psql || true)"
pg_setting() {
  [ -n "$PSQL" ] || { echo "?"; return; }
  PGPASSWORD=circles "$PSQL" -h localhost -p "$PG_PORT" -U circles -d circles -Atc "SHOW $1" 2>/dev/null || echo "?"
}
PG_VERSION="$(pg_setting server_version)"
PG_SETTINGS="shared_buffers=$(pg_setting shared_buffers) synchronous_commit=$(pg_setting synchronous_commit) fsync=$(pg_setting fsync) max_connections=$(pg_setting max_connections)"
stop_app

say "Results ($(date -u +%Y-%m-%dT%H:%MZ))"
echo "machine: $(lscpu 2>/dev/null | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')" \
  "$(lscpu 2>/dev/null | awk -F: '/CPU family/ {gsub(/^ +/, "", $2); printf "(family %s)", $2; exit}')," \
  "$(nproc) cores$(lscpu 2>/dev/null | awk -F: '/Hypervisor vendor/ {gsub(/^ +/, "", $2); printf " (%s guest)", $2; exit}')," \
  "$(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "JDK: $("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version|java.vm.name/ {printf "%s ", $2}')"
echo "PostgreSQL: $PG_VERSION (embedded-postgres binaries, same machine; $PG_SETTINGS)"
echo "machine load before the start (1, 5, 15 min): $LOAD_AT_START"
echo "load: wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), $WRK_THREADS threads, $CLIENTS connections, same machine; ${SECONDS_EACH}s per figure after ${WARMUP}s warm-up"
echo "data: org with $GROUPS_LISTED groups listed, $MEMBER_ID in $MEMBER_GROUPS_LISTED groups; seeding took ${SEED_SECONDS}s (groups created at ${SEED_GROUPS_PER_SECOND}/s)"
echo
bench report --results="$RESULTS"
echo
echo "(raw figures: $RESULTS, application log: $WORK/app.log)"
