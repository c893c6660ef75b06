#!/usr/bin/env bash
# The activity benchmark of the performance targets: ingestion of 1,000,000 events in
# batches of 10,000, evaluation of the five default groups at 100,000 and 1,000,000 members with synthetic activity
# seeded into the rollups, and the event-driven update after a login event, against a PostgreSQL 17 server (fsync
# and synchronous commits on). See benchmark/README.md.
#
# Each figure is measured alternately with its peer (hand-written SQL for a refresh, COPY for ingestion).
# Settings (environment): CIRCLES_BENCHMARK_SIZES (100000,1000000), CIRCLES_BENCHMARK_EVENTS (1000000; 0 skips the
# ingestion), CIRCLES_BENCHMARK_ROUNDS (3, A/B rounds per figure), CIRCLES_BENCHMARK_LOGINS (300),
# CIRCLES_BENCHMARK_WARMUP_LOGINS (50), CIRCLES_BENCHMARK_PRESETS (all five default groups, or a comma-separated
# subset of recent_logins,no_logins,most_active,top_learners,most_talkative), JAVA_HOME (else the newest JDK >= 21 under /usr/lib/jvm).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JAVA_HOME="$(pick_jdk)" || { echo "benchmark: no JDK 21 or newer found; set JAVA_HOME" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export CIRCLES_TEST_PG_DURABLE=true
echo "load average before the start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
cd "$ROOT"
mkdir -p benchmark/target
rm -f bootstrap/target/activity-benchmark.txt
./mvnw -B verify -pl bootstrap -am -Dcircles.test.excluded-groups=none -Dgroups=benchmark \
  -Dtest=ActivityBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dquarkus.http.test-port=0 \
  >benchmark/target/activity.log 2>&1 || { tail -60 benchmark/target/activity.log; exit 1; }
cat bootstrap/target/activity-benchmark.txt
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (full log: benchmark/target/activity.log)"
