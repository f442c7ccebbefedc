#!/usr/bin/env bash
# Issue 14's write→read benchmark (gateway WriteReadBenchmark): starts the standalone application as its own
# process, drives it over HTTP and measures the raw limits of its stores in the same run. Any -Dbench.*=… argument
# is passed on, e.g.  tools/benchmark.sh -Dbench.institutions=500 -Dbench.seconds=10
# -Dbench.jar=$PWD/standalone/target/vbp-standalone-exec.jar (an absolute path) runs the packaged jar instead of the test class path.
# The table is printed (lines "BENCH |") and written to gateway/target/benchmark-table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -o -Pbenchmark verify -pl standalone -am -Dconsole.skip \
  -Dtest=WriteReadBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@"
cat gateway/target/benchmark-table.md
