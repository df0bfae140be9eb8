#!/usr/bin/env bash
# The short benchmark run (a few minutes on 2 cores): per-invocation (JMH) and cold start for every variant,
# with emission checks, writing benchmarks/target/benchmark-report.md and .svg and printing the table.
#
#   benchmarks/run-short.sh                 builds what the benchmarks need (tests skipped), then runs
#   benchmarks/run-short.sh --no-build      runs on what an earlier build (e.g. ./mvnw verify) left in target/
#
# Any further arguments go to BenchmarkSuite (e.g. --fail-on-budget, --fail-on-budget=wide, --only hotpath,
# --variants ...).
# Exit status: 0 when every variant ran and emitted what it claims (budgets are reported, not enforced unless
# --fail-on-budget is given), 1 when a variant failed, 2 when --fail-on-budget is given and a budget is missed
# (with --fail-on-budget=wide: a ratio budget missed by more than 1.5 times its limit).
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
if [ "${1:-}" = "--no-build" ]; then
  build=false
  shift
fi
if $build; then
  echo "== building the benchmark modules (tests skipped)"
  ./mvnw -q -B -DskipTests package \
    -pl benchmarks/workload,benchmarks/lens-handlers,benchmarks/powertools-handlers,benchmarks/aws-workload,benchmarks/aws-lens-handlers,benchmarks/aws-xray-handlers,benchmarks/runner -am
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "== short benchmark run ($("$java" -version 2>&1 | head -n 1))"
exec "$java" -cp "benchmarks/runner/target/classes:$(cat benchmarks/runner/target/classpath.txt)" \
  dev.lambdalens.benchmarks.runner.BenchmarkSuite --benchmarks-dir benchmarks --profile short "$@"
