#!/usr/bin/env bash
# A member's groups in an org of 10,000 groups at growing org sizes, the member index's warm-up after start, and the
# start of the packaged application over the seeded database with the default heap. Runs MemberGroupsBenchmark (a
# test tagged benchmark) against the embedded PostgreSQL 17 of the tests (fsync and synchronous commits on).
# See benchmark/README.md.
#
# Settings (environment): CIRCLES_BENCHMARK_SIZES (10000,100000,1000000), BENCH_HTTP_PORT / BENCH_MANAGEMENT_PORT
# (ports of the started application: 18501, 18502), JAVA_HOME (else the newest JDK >= 21 under /usr/lib/jvm).
# wrk on the PATH for the figures of a client outside the server's JVM.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JAVA_HOME="$(pick_jdk)" || { echo "benchmark: no JDK 21 or newer found; set JAVA_HOME" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export CIRCLES_TEST_PG_DURABLE=true
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "load average before the start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
cd "$ROOT"
mkdir -p benchmark/target
rm -f bootstrap/target/member-groups-benchmark.txt
# The packaged application first: the benchmark starts it over the seeded database at the end.
./mvnw -B -q install -DskipTests ${MAVEN_ARGS_EXTRA:-} >benchmark/target/member-groups-build.log 2>&1 \
  || { tail -40 benchmark/target/member-groups-build.log; exit 1; }
./mvnw -B verify -pl bootstrap ${MAVEN_ARGS_EXTRA:-} -Dcircles.test.excluded-groups=none -Dgroups=benchmark \
  -Dtest=MemberGroupsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dquarkus.http.test-port=0 \
  >benchmark/target/member-groups.log 2>&1 || { tail -60 benchmark/target/member-groups.log; exit 1; }
cat bootstrap/target/member-groups-benchmark.txt
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (full log: benchmark/target/member-groups.log)"
