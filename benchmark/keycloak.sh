#!/usr/bin/env bash
# The groups API of Circles side by side with Keycloak 26.7.3's. Both run on one stock PostgreSQL 15 server
# (Debian's postgresql-15, a fresh data folder, its default configuration), each in its own database; Keycloak
# (start-dev) is the OIDC issuer whose RS256 tokens Circles (production profile, JVM) verifies. Both get the same
# 10,000 flat groups and one user directly in 200 of them; then wrk (8 connections) measures the same request
# shapes on each, one system at a time, Keycloak then Circles, for several rounds, and the report prints the
# ratios next to their targets. See benchmark/README.md.
#
# Needs: a JDK 21 or newer (JAVA_HOME, or one under /usr/lib/jvm), curl, unzip; installs wrk and postgresql-15
# with apt-get when they are missing. Settings (environment): BENCH_GROUPS (10000), BENCH_MEMBER_GROUPS (200),
# BENCH_CLIENTS (8), BENCH_ROUNDS (3), BENCH_SECONDS (20, per figure), BENCH_WARMUP (10, before every figure),
# BENCH_WAIT_QUIET (180: seconds to wait for a load average below 1 before the start), BENCH_WAIT_QUIET_EACH
# (30: the same before each figure), BENCH_SKIP_BUILD, BENCH_PROFILE (1: pg_stat_statements and a JDK Flight
# Recorder profile of Circles, which changes the server's configuration: not for recorded figures),
# BENCH_SHAPES (all: a space-separated subset of user-groups page search create to measure only those),
# BENCH_APP_JAR (the built quarkus-run.jar, to measure another build),
# BENCH_KC_PORT (8190), BENCH_HTTP_PORT (8091), BENCH_MANAGEMENT_PORT (9091), BENCH_PG_PORT (54371).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmark"
WORK="$BENCH/target/keycloak-bench"
KC_VERSION=26.7.3
KC_DIST="$BENCH/target/keycloak"
KC_HOME="$KC_DIST/keycloak-$KC_VERSION"
N_GROUPS="${BENCH_GROUPS:-10000}"
MEMBER_GROUPS="${BENCH_MEMBER_GROUPS:-200}"
CLIENTS="${BENCH_CLIENTS:-8}"
ROUNDS="${BENCH_ROUNDS:-3}"
SECONDS_EACH="${BENCH_SECONDS:-20}"
WARMUP="${BENCH_WARMUP:-10}"
KC_PORT="${BENCH_KC_PORT:-8190}"
HTTP_PORT="${BENCH_HTTP_PORT:-8091}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-9091}"
PG_PORT="${BENCH_PG_PORT:-54371}"
KC="http://localhost:$KC_PORT"
BASE="http://localhost:$HTTP_PORT"
REALM=bench
WRK_THREADS=2
PROFILE_SHAPE="${BENCH_PROFILE_SHAPE:-member-groups}"
PG_BIN=/usr/lib/postgresql/15/bin

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'benchmark: %s\n' "$*" >&2; exit 1; }

# --- tools ---------------------------------------------------------------------------------------------
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JAVA_HOME="$(pick_jdk)" || fail "no JDK 21 or newer found; set JAVA_HOME"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
# apt_install COMMAND_OR_FILE PACKAGE: installs the Debian package when the command or file is missing.
apt_install() {
  { command -v "$1" >/dev/null || [ -x "$1" ]; } && return 0
  command -v apt-get >/dev/null || fail "$1 is missing (Debian/Ubuntu: apt-get install $2)"
  echo "$1 is missing: installing $2 with apt-get"
  $SUDO apt-get install -y -q "$2" >/dev/null 2>&1 \
    || { $SUDO apt-get update -q >/dev/null 2>&1 && $SUDO apt-get install -y -q "$2" >/dev/null 2>&1; } || true
  { command -v "$1" >/dev/null || [ -x "$1" ]; } || fail "$1 is missing and could not be installed ($2)"
}
apt_install wrk wrk
apt_install "$PG_BIN/initdb" postgresql-15
apt_install unzip unzip
command -v curl >/dev/null || fail "curl is missing"
bench() { "$JAVA" "$BENCH/Bench.java" "$@"; }
kcbench() { "$JAVA" "$BENCH/KeycloakBench.java" "$@"; }
# The PostgreSQL server refuses to run as root: as root, its commands run as the postgres user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_super() { "$PG_BIN/psql" -X -q -h localhost -p "$PG_PORT" -U postgres "$@"; }

KC_PID=""
APP_PID=""
stop() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$1" 2>/dev/null || true
}
stop_all() {
  stop "$APP_PID"; APP_PID=""
  stop "$KC_PID"; KC_PID=""
  # kc.sh may run the server as its child: should it outlive kc.sh, stop it too.
  [ -n "${KC_SERVER:-}" ] && stop "$KC_SERVER"
  if [ -f "$WORK/pgdata/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m fast -w stop >/dev/null 2>&1 || true
  fi
  return 0
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# --- 1. build Circles, fetch Keycloak ------------------------------------------------------------------------
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  say "Building the application (./mvnw -B -q package -DskipTests)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
APP_JAR="${BENCH_APP_JAR:-$ROOT/bootstrap/target/quarkus-app/quarkus-run.jar}"
[ -f "$APP_JAR" ] || fail "$APP_JAR is missing: build first"
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  say "Fetching Keycloak $KC_VERSION (org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip, Maven Central)"
  mkdir -p "$KC_DIST"
  (cd "$ROOT" && ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
    -DoutputDirectory="$KC_DIST")
  unzip -q -o "$KC_DIST/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$KC_DIST"
fi

# --- 2. load and CPU accounting ------------------------------------------------------------------------------
load1() { cut -d' ' -f1 /proc/loadavg; }
quiet() { awk -v l="$(load1)" 'BEGIN { exit !(l < 1.0) }'; }
# wait_quiet SECONDS: waits until the 1-minute load average is below 1, at most SECONDS.
wait_quiet() {
  local waited=0
  while ! quiet && [ "$waited" -lt "$1" ]; do sleep 5; waited=$(( waited + 5 )); done
}
wait_quiet "${BENCH_WAIT_QUIET:-180}"
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
quiet || echo "WARNING: load average $LOAD_AT_START before the start: other work competes for the CPUs" >&2

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
# cpu_snapshot VAR SERVER_PID: the machine (busy, steal), the server under test, PostgreSQL, this script's
# finished children (wrk), and the time, in clock ticks.
cpu_snapshot() {
  local postmaster children
  postmaster="$(head -1 "$WORK/pgdata/postmaster.pid")"
  times >"$WORK/times.txt"
  children="$(awk -v hz="$HZ" 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/);
    printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * hz }' "$WORK/times.txt")"
  printf -v "$1" '%s %s %s %s %s' \
    "$(awk '/^cpu / { print $2 + $3 + $4, $9 }' /proc/stat)" \
    "$(proc_ticks "$2")" \
    "$(proc_ticks "$postmaster" $(pgrep -P "$postmaster" || true))" \
    "$children" "$(date +%s.%N)"
}
# cpu_note BEFORE AFTER COUNT LOAD_BEFORE: appends the CPU figures and the load to the last line of the results.
cpu_note() {
  local note
  note="$(awk -v hz="$HZ" -v ncpu="$NCPU" -v n="$3" -v b="$1" -v a="$2" 'BEGIN {
    split(b, x, " "); split(a, y, " ");
    capacity = (y[6] - x[6]) * hz * ncpu;
    others = (y[1] - x[1]) - (y[3] - x[3]) - (y[4] - x[4]) - (y[5] - x[5]);
    if (others < 0) others = 0;
    printf "CPU per request: server %.2f ms, PostgreSQL %.2f ms, wrk %.2f ms; other processes %.0f%%, steal %.0f%% of the %d CPUs",
      (y[3] - x[3]) * 1000 / hz / n, (y[4] - x[4]) * 1000 / hz / n, (y[5] - x[5]) * 1000 / hz / n,
      100 * others / capacity, 100 * (y[2] - x[2]) / capacity, ncpu }')"
  sed -i "\$ s|\$|; $note; load before $4, after $(load1)|" "$RESULTS"
}

# --- 3. PostgreSQL 15, Keycloak, Circles -----------------------------------------------------------------------
for port in "$KC_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT" "$PG_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "something already listens on port $port"; fi
done
rm -rf "$WORK"
mkdir -p "$WORK/pgdata"
[ "$(id -u)" -eq 0 ] && chown postgres "$WORK/pgdata"
say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT (initdb, default configuration; data in $WORK/pgdata)"
as_pg "$PG_BIN/initdb" -D "$WORK/pgdata" -U postgres --encoding=UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; fail "initdb failed"; }
PG_OPTIONS="-p $PG_PORT -k /tmp"
if [ -n "${BENCH_PROFILE:-}" ]; then
  PG_OPTIONS="$PG_OPTIONS -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
fi
touch "$WORK/postgres.log"; [ "$(id -u)" -eq 0 ] && chown postgres "$WORK/postgres.log"
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/postgres.log" -o "$PG_OPTIONS" -w -t 120 start >/dev/null \
  || { tail -20 "$WORK/postgres.log" >&2; fail "PostgreSQL did not start"; }
psql_super -d postgres <<SQL
create role keycloak login password 'keycloak';
create database keycloak owner keycloak encoding 'UTF8';
create role circles login password 'circles' nosuperuser nobypassrls nocreatedb nocreaterole;
create database circles owner circles encoding 'UTF8';
SQL
[ -n "${BENCH_PROFILE:-}" ] && psql_super -d circles -c "create extension pg_stat_statements"

say "Keycloak $KC_VERSION on port $KC_PORT (start-dev, database keycloak)"
(
  cd "$WORK"
  export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin
  exec "$KC_HOME/bin/kc.sh" start-dev --db postgres --db-url "jdbc:postgresql://localhost:$PG_PORT/keycloak" \
    --db-username keycloak --db-password keycloak --http-port "$KC_PORT" --http-management-port "$((KC_PORT + 1))" \
    >"$WORK/keycloak.log" 2>&1
) &
KC_PID=$!
for i in $(seq 1 600); do
  curl -sf -o /dev/null "$KC/realms/master/.well-known/openid-configuration" && break
  kill -0 "$KC_PID" 2>/dev/null || { tail -40 "$WORK/keycloak.log" >&2; fail "Keycloak stopped (log: $WORK/keycloak.log)"; }
  [ "$i" -eq 600 ] && fail "Keycloak is not ready after 300 s ($WORK/keycloak.log)"
  sleep 0.5
done
# kc.sh ends in exec; the server is the java process of that pid (or its child, should kc.sh not exec).
KC_SERVER="$(pgrep -P "$KC_PID" java || echo "$KC_PID")"
kcbench setup --kc="$KC" --realm="$REALM" --out="$WORK"
# shellcheck disable=SC1091
source "$WORK/keycloak.env"

say "Circles on port $HTTP_PORT (production profile, JVM; tokens from $KC/realms/$REALM)"
(
  cd "$WORK"
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/circles"
  export QUARKUS_DATASOURCE_USERNAME=circles QUARKUS_DATASOURCE_PASSWORD=circles
  export QUARKUS_OIDC_AUTH_SERVER_URL="$KC/realms/$REALM"
  CIRCLES_CURSOR_KEYS="bench:$(head -c 32 /dev/urandom | base64)"
  CIRCLES_SECRETS_KEYS="bench:$(head -c 32 /dev/urandom | base64)"
  export CIRCLES_CURSOR_KEYS CIRCLES_SECRETS_KEYS
  exec "$JAVA" -Dquarkus.http.port="$HTTP_PORT" -Dquarkus.management.port="$MANAGEMENT_PORT" \
    -Dquarkus.log.console.json.enabled=false -jar "$APP_JAR" >"$WORK/app.log" 2>&1
) &
APP_PID=$!
for i in $(seq 1 240); do
  curl -sf -o /dev/null "http://localhost:$MANAGEMENT_PORT/q/health/ready" && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$WORK/app.log" >&2; fail "Circles stopped (log: $WORK/app.log)"; }
  [ "$i" -eq 240 ] && { tail -40 "$WORK/app.log" >&2; fail "Circles is not ready after 120 s"; }
  sleep 0.5
done

# --- 4. seed both ---------------------------------------------------------------------------------------------
say "Seeding Keycloak: $N_GROUPS flat groups g-0 … through the admin REST API ($CLIENTS clients), the user in $MEMBER_GROUPS"
kcbench seed --kc="$KC" --realm="$REALM" --token="$KC_ADMIN_TOKEN" --user="$MEMBER_ID" --out="$WORK" \
  --groups="$N_GROUPS" --member-groups="$MEMBER_GROUPS" --clients="$CLIENTS"
say "Seeding Circles: one org, the same groups through the API ($CLIENTS clients), the same user in $MEMBER_GROUPS"
bench seed --base="$BASE" --out="$WORK" --groups="$N_GROUPS" --member-groups="$MEMBER_GROUPS" --clients="$CLIENTS" \
  --names=g- --platform-token="$PLATFORM_TOKEN" --admin-token="$ADMIN_TOKEN" --member-token="$MEMBER_TOKEN" \
  --admin-id="$ADMIN_ID" --member-id="$MEMBER_ID"
# shellcheck disable=SC1091
source "$WORK/bench.env"
# shellcheck disable=SC1091
source "$WORK/keycloak-seed.env"
# Planner statistics as a running server has them (autovacuum would gather them a minute or two later).
psql_super -d keycloak -c analyze
psql_super -d circles -c analyze

R="/admin/realms/$REALM"
echo "$R/users/$MEMBER_ID/groups?briefRepresentation=true&max=200" >"$WORK/keycloak-user-groups.txt"
echo "$R/groups?first=0&max=100&briefRepresentation=true" >"$WORK/keycloak-page.txt"
echo "$R/groups?search=g-99&max=100&briefRepresentation=true" >"$WORK/keycloak-search.txt"
echo "/v1/orgs/$ORG_ID/members/$MEMBER_ID/groups?limit=500" >"$WORK/circles-member-groups.txt"
echo "/v1/me/groups?limit=500" >"$WORK/circles-me-groups.txt"
echo "/v1/groups?orgId=$ORG_ID&limit=100" >"$WORK/circles-page.txt"
echo "/v1/groups?orgId=$ORG_ID&q=g-99&limit=100" >"$WORK/circles-search.txt"
# Same answers on both sides: the search's first page is full on both.
CIRCLES_SEARCH_HITS="$(curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE$(cat "$WORK/circles-search.txt")" \
  | grep -o '"id"' | wc -l)"
echo "search g-99: Keycloak's first page has $KC_SEARCH_HITS groups, Circles' $CIRCLES_SEARCH_HITS ids (groups and their orgs)"

# --- 5. measure: per round, each request shape on Keycloak, then on Circles ------------------------------------
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
# shape_selected SHAPE: true unless BENCH_SHAPES names other shapes only (Circles' member-groups and me-groups are
# the shape user-groups).
shape_selected() {
  local wanted="$1"
  case "$wanted" in member-groups|me-groups) wanted=user-groups ;; esac
  [ -z "${BENCH_SHAPES:-}" ] || [[ " $BENCH_SHAPES " == *" $wanted "* ]]
}
# measure SYSTEM SHAPE ROUND TOKEN MODE PATHS_OR_ORG
measure() {
  local system="$1" shape="$2" round="$3" token="$4" mode="$5" arg="$6" base server name load_before before after
  shape_selected "$shape" || return 0
  if [ "$system" = keycloak ]; then base="$KC"; server="$KC_SERVER"; else base="$BASE"; server="$APP_PID"; fi
  name="$system:$shape:r$round"
  wait_quiet "${BENCH_WAIT_QUIET_EACH:-30}"
  load_before="$(load1)"
  say "$name (load $load_before): warm-up ${WARMUP}s, then ${SECONDS_EACH}s with $CLIENTS connections"
  BENCH_TOKEN="$token" BENCH_MODE="$mode" BENCH_PATHS="$arg" BENCH_ORG="$arg" BENCH_CREATE_PATH="$R/groups" \
    BENCH_PHASE="w$round" BENCH_NAME="$name" BENCH_RESULTS="" \
    wrk -t"$WRK_THREADS" -c"$CLIENTS" -d"${WARMUP}s" --timeout 30s -s "$BENCH/bench.lua" "$base" >/dev/null
  local profiling=""
  if [ -n "${BENCH_PROFILE:-}" ] && [ "$system" = circles ] && [ "$shape" = "$PROFILE_SHAPE" ] && [ "$round" = 1 ]; then
    profiling=1
    psql_super -d circles -Atc "select pg_stat_statements_reset()" >/dev/null
    "$JAVA_HOME/bin/jcmd" "$APP_PID" JFR.start name=bench settings=profile >/dev/null
  fi
  cpu_snapshot before "$server"
  BENCH_TOKEN="$token" BENCH_MODE="$mode" BENCH_PATHS="$arg" BENCH_ORG="$arg" BENCH_CREATE_PATH="$R/groups" \
    BENCH_PHASE="r$round" BENCH_NAME="$name" BENCH_UNIT=req/s BENCH_RESULTS="$RESULTS" \
    wrk -t"$WRK_THREADS" -c"$CLIENTS" -d"${SECONDS_EACH}s" --timeout 30s --latency -s "$BENCH/bench.lua" "$base" \
    >"$WORK/wrk-$system-$shape-r$round.txt"
  cpu_snapshot after "$server"
  cpu_note "$before" "$after" "$(tail -1 "$RESULTS" | cut -f7)" "$load_before"
  if [ -n "$profiling" ]; then
    "$JAVA_HOME/bin/jcmd" "$APP_PID" JFR.stop name=bench filename="$WORK/circles-$shape.jfr" >/dev/null
    psql_super -d circles -c "select d.datname as db, round(total_exec_time::numeric, 0) as exec_ms,
      round(total_plan_time::numeric, 0) as plan_ms, calls, round((mean_exec_time + mean_plan_time)::numeric, 3)
      as ms_per_call, left(regexp_replace(query, '\s+', ' ', 'g'), 600) as query from pg_stat_statements s
      join pg_database d on d.oid = s.dbid order by total_exec_time + total_plan_time desc limit 40" \
      >"$WORK/pg-statements-$shape.txt" 2>&1 || true
  fi
  tail -1 "$RESULTS" | cut -f1-6
}
# Reads first, every round; creates last (they add groups, which would change what the reads see).
for round in $(seq 1 "$ROUNDS"); do
  measure keycloak user-groups "$round" "$KC_ADMIN_TOKEN" get "$WORK/keycloak-user-groups.txt"
  measure circles member-groups "$round" "$ADMIN_TOKEN" get "$WORK/circles-member-groups.txt"
  measure circles me-groups "$round" "$MEMBER_TOKEN" get "$WORK/circles-me-groups.txt"
  measure keycloak page "$round" "$KC_ADMIN_TOKEN" get "$WORK/keycloak-page.txt"
  measure circles page "$round" "$ADMIN_TOKEN" get "$WORK/circles-page.txt"
  measure keycloak search "$round" "$KC_ADMIN_TOKEN" get "$WORK/keycloak-search.txt"
  measure circles search "$round" "$ADMIN_TOKEN" get "$WORK/circles-search.txt"
done
for round in $(seq 1 "$ROUNDS"); do
  measure keycloak create "$round" "$KC_ADMIN_TOKEN" kc-create ""
  measure circles create "$round" "$ADMIN_TOKEN" create "$ORG_ID"
done

# --- 6. report -----------------------------------------------------------------------------------------------
PG_VERSION="$(psql_super -d postgres -Atc 'show server_version')"
PG_SETTINGS="$(psql_super -d postgres -Atc "select string_agg(name || '=' || setting, ' ') from pg_settings where name in
  ('shared_buffers', 'work_mem', 'jit', 'fsync', 'synchronous_commit', 'max_connections')")"
stop_all

say "Results ($(date -u +%Y-%m-%dT%H:%MZ))"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs," \
  "$(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "JDK: $("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version|java.vm.name/ {printf "%s ", $2}')(both servers, their default JVM options)"
echo "PostgreSQL: $PG_VERSION (Debian postgresql-15, initdb, default configuration: $PG_SETTINGS); databases keycloak and circles on the one server"
echo "Keycloak $KC_VERSION start-dev; Circles $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?') production profile"
echo "load average before the start (1, 5, 15 min): $LOAD_AT_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "load: wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), $WRK_THREADS threads, $CLIENTS connections, same machine;" \
  "${WARMUP}s warm-up then ${SECONDS_EACH}s per figure; $ROUNDS rounds"
echo "data: $N_GROUPS flat groups on each side; the user in $KC_MEMBER_GROUPS (Keycloak) and $MEMBER_GROUPS_LISTED (Circles);" \
  "seeding groups: Keycloak ${KC_GROUPS_PER_SECOND}/s, Circles ${SEED_GROUPS_PER_SECOND}/s (cold, through the APIs)"
echo
kcbench report --results="$RESULTS"
echo
echo "(raw figures: $RESULTS; logs: $WORK/keycloak.log, $WORK/app.log, $WORK/postgres.log)"
[ -n "${BENCH_PROFILE:-}" ] && echo "(profile of $PROFILE_SHAPE: $WORK/pg-statements-$PROFILE_SHAPE.txt, $WORK/circles-$PROFILE_SHAPE.jfr)"
exit 0
