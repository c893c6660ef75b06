#!/usr/bin/env bash
# The dynamic-group benchmark: seeds synthetic orgs of growing size into a PostgreSQL 17 server (fsync and
# synchronous commits on) and measures rule evaluation, refreshes, preview counts and a member's groups next to
# the performance targets of docs/design.md. See benchmark/README.md.
#
# Settings (environment): CIRCLES_BENCHMARK_SIZES (10000,100000,1000000), JAVA_HOME (else the newest JDK >= 21
# under /usr/lib/jvm).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JAVA_HOME="$(pick_jdk)" || { echo "benchmark: no JDK 21 or newer found; set JAVA_HOME" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export CIRCLES_TEST_PG_DURABLE=true
# Refreshes are timed where they run: answered at once, not handed to the background (202).
export CIRCLES_REFRESH_SYNC_LIMIT=100000000
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "load average before the start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
cd "$ROOT"
mkdir -p benchmark/target
rm -f bootstrap/target/dynamic-benchmark.txt
./mvnw -B verify -pl bootstrap -am -Dcircles.test.excluded-groups=none -Dgroups=benchmark \
  -Dtest=DynamicGroupsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dquarkus.http.test-port=0 \
  >benchmark/target/dynamic.log 2>&1 || { tail -60 benchmark/target/dynamic.log; exit 1; }
cat bootstrap/target/dynamic-benchmark.txt
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (full log: benchmark/target/dynamic.log)"
