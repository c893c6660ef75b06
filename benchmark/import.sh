#!/usr/bin/env bash
# The member import benchmark: builds the application, starts it (production profile, JVM, a bounded heap) with a
# PostgreSQL 17 server on a fresh data folder, generates a CSV of 100,000 members (departments, locations, job
# titles, a custom attribute, and a reporting tree of fan-out 10 written bottom-up, so that every manager comes
# further down the file than their reports) and posts it to POST /v1/orgs/{orgId}/members/import, then posts the
# same file again (every row unchanged). Then it creates a second org and imports another file of as many new members
# into it: a new org in a database that already holds another org's members, with autovacuum off, so that the
# planner has no statistics on what the first import wrote. Prints the time of each request and the application's
# peak memory. Target: 100,000 rows in <= 20 s.
#
# BENCH_IMPORT_LARGE=1 measures a file near the 200 MB body limit instead: 1,600,000 rows (about 180 MB) by default,
# imported once into the first org (the other two imports are skipped), with the heap sampled every second.
#
# Needs: a JDK 21 or newer (JAVA_HOME, or one under /usr/lib/jvm), curl.
# Settings (environment): BENCH_IMPORT_ROWS (100000; 1600000 with BENCH_IMPORT_LARGE), BENCH_IMPORT_LARGE, BENCH_MANAGEMENT_PORT (9091), BENCH_HTTP_PORT (8091), BENCH_PG_PORT (54349),
# BENCH_SKIP_BUILD (unset; 1 skips the Maven build), BENCH_JAVA_OPTS (-Xmx512m: the import streams, so a small
# heap is enough), BENCH_PG_SETTINGS (autovacuum=off: PostgreSQL server settings, space-separated name=value).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmark"
WORK="$BENCH/target/import"
LARGE="${BENCH_IMPORT_LARGE:-}"
ROWS="${BENCH_IMPORT_ROWS:-$([ -n "$LARGE" ] && echo 1600000 || echo 100000)}"
HTTP_PORT="${BENCH_HTTP_PORT:-8091}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-9091}"
PG_PORT="${BENCH_PG_PORT:-54349}"
JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx512m}"
PG_SETTINGS="${BENCH_PG_SETTINGS-autovacuum=off}"
BASE="http://localhost:$HTTP_PORT"
# Health (readiness) is served on the management port in production.
MANAGEMENT="http://localhost:$MANAGEMENT_PORT"
ISSUER="https://bench.circles.invalid"

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'import benchmark: %s\n' "$*" >&2; exit 1; }

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
[ -f "$APP_JAR" ] || fail "$APP_JAR is missing: build first"

rm -rf "$WORK"
mkdir -p "$WORK"
bench keys "$WORK/keys"
curl -s -o /dev/null "$BASE/q/health/live" && fail "something already listens on port $HTTP_PORT (set BENCH_HTTP_PORT)"

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
say "Starting PostgreSQL on port $PG_PORT (data in $WORK/pgdata; settings: ${PG_SETTINGS:-none})"
APP_LIB="$ROOT/bootstrap/target/quarkus-app/lib/main"
# shellcheck disable=SC2086
"$JAVA" --class-path "$APP_LIB/*" "$BENCH/Postgres.java" "$WORK/pgdata" "$PG_PORT" $PG_SETTINGS \
  >"$WORK/postgres-launcher.log" 2>&1 &
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
# The heap in use (young and old generations) and the old generation alone, sampled every second.
HEAP_LOG="$WORK/heap.tsv"
JSTAT="$JAVA_HOME/bin/jstat"
if [ -x "$JSTAT" ]; then
  ( sleep 5; exec "$JSTAT" -gc "$APP_PID" 1000 ) >"$HEAP_LOG" 2>/dev/null &
  JSTAT_PID=$!
fi
for i in $(seq 1 240); do
  curl -sf -o /dev/null "$MANAGEMENT/q/health/ready" && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$WORK/app.log" >&2; fail "the application stopped (log: $WORK/app.log)"; }
  [ "$i" -eq 240 ] && { tail -40 "$WORK/app.log" >&2; fail "the application is not ready after 120 s"; }
  sleep 0.5
done

PLATFORM_TOKEN="$(bench token "$WORK/keys" "$ISSUER" bench-platform-admin platform-admin)"
ADMIN_TOKEN="$(bench token "$WORK/keys" "$ISSUER" bench-import-admin)"
new_org() {
  curl -sf -X POST "$BASE/v1/orgs" -H "Authorization: Bearer $PLATFORM_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\": \"$1\", \"slug\": \"$2\", \"adminUserIds\": [\"bench-import-admin\"]}" \
    | sed -E 's/.*"id":"([^"]+)".*/\1/'
}
ORG_ID="$(new_org "Import Bench" import-bench)"
[ -n "$ORG_ID" ] || fail "could not create the org"

# --- the file ----------------------------------------------------------------------------------------
generate() { # FILE ID_PREFIX
  awk -v rows="$ROWS" -v p="$2" 'BEGIN {
    split("engineering,sales,marketing,finance,legal,support,operations,research", dept, ",")
    split("berlin,lisbon,london,new-york,singapore,remote", loc, ",")
    split("engineer,senior-engineer,manager,analyst,designer,consultant", title, ",")
    print "userId,email,displayName,department,location,jobTitle,managerId,employeeType,costCenter,userType,custom.team"
    for (i = rows - 1; i >= 0; i--) {
      manager = i == 0 ? "" : sprintf("%s%06d", p, int((i - 1) / 10))
      printf "%s%06d,%s%06d@bench.example,\"Member %d, Bench\",%s,%s,%s,%s,%s,cc-%d,staff,team-%d\n",
        p, i, p, i, i, dept[i % 8 + 1], loc[i % 6 + 1], title[i % 6 + 1], manager,
        (i % 5 == 0 ? "contractor" : "full_time"), i % 40, i % 100
    }
  }' >"$1"
}
say "Generating $([ -n "$LARGE" ] && echo "a file" || echo "two files") of $ROWS rows (a second one's members are other people)"
CSV="$WORK/members.csv"
CSV2="$WORK/members-second-org.csv"
generate "$CSV" m
[ -n "$LARGE" ] || generate "$CSV2" n
echo "$(wc -l <"$CSV") lines, $(du -h "$CSV" | cut -f1) each"

# --- measure -----------------------------------------------------------------------------------------
post() { # NAME [ORG FILE]
  curl -s -o "$WORK/$1.json" -w '%{http_code} %{time_total}\n' -X POST "$BASE/v1/orgs/${2:-$ORG_ID}/members/import" \
    -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: text/csv; charset=UTF-8' --data-binary "@${3:-$CSV}"
}
statistics() { "$JAVA" --class-path "$APP_LIB/*" "$BENCH/Postgres.java" statistics "$PG_PORT" org_members; }
counts() { sed -E 's/.*"created":([0-9]+),"updated":([0-9]+),"unchanged":([0-9]+),"failed":([0-9]+).*/created \1, updated \2, unchanged \3, failed \4/' "$WORK/$1.json"; }

STATS3="(import 3 not run)"
say "Import 1: $ROWS new members"
read -r STATUS1 SECONDS1 < <(post first)
[ "$STATUS1" = 200 ] || { head -c 2000 "$WORK/first.json" >&2; fail "the import answered $STATUS1"; }
echo "HTTP $STATUS1 in ${SECONDS1}s: $(counts first)"

if [ -z "$LARGE" ]; then
say "Import 2: the same file again (every row unchanged)"
read -r STATUS2 SECONDS2 < <(post second)
[ "$STATUS2" = 200 ] || { head -c 2000 "$WORK/second.json" >&2; fail "the import answered $STATUS2"; }
echo "HTTP $STATUS2 in ${SECONDS2}s: $(counts second)"

say "Import 3: $ROWS new members into a new org (the database holds the first org's $ROWS)"
ORG2_ID="$(new_org "Import Bench Two" import-bench-two)"
[ -n "$ORG2_ID" ] || fail "could not create the second org"
STATS3="$(statistics)"
echo "$STATS3"
read -r STATUS3 SECONDS3 < <(post third "$ORG2_ID" "$CSV2")
[ "$STATUS3" = 200 ] || { head -c 2000 "$WORK/third.json" >&2; fail "the import answered $STATUS3"; }
echo "HTTP $STATUS3 in ${SECONDS3}s: $(counts third)"
fi

LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"
PEAK_RSS="$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$(pgrep -P "$APP_PID" java 2>/dev/null || echo "$APP_PID")/status" 2>/dev/null || echo "?")"
HEAP="$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ {
    used = $3 + $4 + $6 + $8; if (used > peak) peak = used; if ($8 > old) old = $8; cap = $1 + $2 + $5 + $7
  } END { if (peak) printf "peak heap in use %.0f MB, peak old generation %.0f MB (of %.0f MB committed at the end)", peak / 1024, old / 1024, cap / 1024; else print "not sampled" }' "$HEAP_LOG" 2>/dev/null || echo "not sampled")"
[ -n "${JSTAT_PID:-}" ] && kill "$JSTAT_PID" 2>/dev/null || true
OOM="$(grep -c OutOfMemoryError "$WORK/app.log" || true)"
stop_all

say "Results ($(date -u +%Y-%m-%dT%H:%MZ))"
echo "machine: $(lscpu 2>/dev/null | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}'), $(nproc) cores," \
  "$(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo)"
echo "load average: $LOAD_START at the start, $LOAD_END at the end"
echo "PostgreSQL settings: ${PG_SETTINGS:-defaults}; before import 3, $STATS3"
echo "JDK: $("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}'), application options: $JAVA_OPTS, peak RSS $PEAK_RSS"
echo "heap (jstat, every second): $HEAP; OutOfMemoryError in the log: $OOM"
echo "file: $ROWS rows, $(du -h "$CSV" | cut -f1) CSV, managers further down the file"
if [ -n "$LARGE" ]; then
  awk -v s="$SECONDS1" -v rows="$ROWS" 'BEGIN { printf "import-create   %8.2f s  (%d rows/s)\n", s, rows / s }'
  exit 0
fi
awk -v s="$SECONDS1" -v rows="$ROWS" 'BEGIN { printf "import-create   %8.2f s  (%d rows/s)   target <= 20 s: %s\n", s, rows / s, (s <= 20 ? "met" : "NOT met") }'
awk -v s="$SECONDS2" -v rows="$ROWS" 'BEGIN { printf "import-unchanged %7.2f s  (%d rows/s)\n", s, rows / s }'
awk -v s="$SECONDS3" -v rows="$ROWS" 'BEGIN { printf "import-second-org %6.2f s  (%d rows/s)   target <= 20 s: %s\n", s, rows / s, (s <= 20 ? "met" : "NOT met") }'
