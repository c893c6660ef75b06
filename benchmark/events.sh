#!/usr/bin/env bash
# The public event log benchmark: what writing the log costs a static membership write and the rule change of a
# dynamic group (about 5,000 members changed, one event each; nearly every member of a 1,000,000-member org changed,
# one bulk event), measured with the log and without it in alternating rounds of one run. It seeds the synthetic org
# of the dynamic-group benchmark into a PostgreSQL 17 server with fsync and synchronous commits on. See
# benchmark/README.md.
#
# Settings (environment): CIRCLES_BENCHMARK_EVENT_MEMBERS (1000000), CIRCLES_BENCHMARK_EVENT_ROUNDS (3 rounds of A
# then B), CIRCLES_BENCHMARK_EVENT_ADDS (1000 adds per client phase), BENCH_MAVEN_ARGS (extra Maven arguments, e.g.
# -o), BENCH_WAIT_QUIET (180; seconds to wait for the 1-minute load average to fall below 1 before the start),
# JAVA_HOME (else the newest JDK >= 21 under /usr/lib/jvm).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JAVA_HOME="$(pick_jdk)" || { echo "benchmark: no JDK 21 or newer found; set JAVA_HOME" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export CIRCLES_TEST_PG_DURABLE=true
export CIRCLES_REFRESH_SYNC_LIMIT=100000000
# A rule change of nearly every member of a million-member org runs in one transaction; on a busy 2-CPU machine it
# takes longer than the default transaction timeout (60 s) and is rolled back (503). The benchmark allows 30 minutes.
export QUARKUS_TRANSACTION_MANAGER_DEFAULT_TRANSACTION_TIMEOUT="${QUARKUS_TRANSACTION_MANAGER_DEFAULT_TRANSACTION_TIMEOUT:-30m}"
echo "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) CPUs (shared machine)"
load1() { cut -d' ' -f1 /proc/loadavg; }
quiet() { awk -v l="$(load1)" 'BEGIN { exit !(l < 1.0) }'; }
for _ in $(seq 1 $(( ${BENCH_WAIT_QUIET:-180} / 10 ))); do
  quiet && break
  echo "waiting for a quiet machine (load average $(load1))"; sleep 10
done
echo "load average before the start: $(cut -d' ' -f1-3 /proc/loadavg)"
quiet || echo "WARNING: the machine is busy: other work competes for the CPUs with both sides of every round"
cd "$ROOT"
mkdir -p benchmark/target
rm -f bootstrap/target/events-benchmark.txt
# shellcheck disable=SC2086
./mvnw -B verify -pl bootstrap -am ${BENCH_MAVEN_ARGS:-} -Dcircles.test.excluded-groups=none -Dgroups=benchmark \
  -Dtest=PublicEventLogBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dquarkus.http.test-port=0 \
  >benchmark/target/events.log 2>&1 || { tail -60 benchmark/target/events.log; exit 1; }
cat bootstrap/target/events-benchmark.txt
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (full log: benchmark/target/events.log)"
