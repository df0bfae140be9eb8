#!/usr/bin/env bash
# The long benchmark run, for numbers worth publishing (about 30 minutes on 2 cores; run it on an idle machine).
# Same arguments as run-short.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--no-build" ]; then
  ./mvnw -q -B -DskipTests package \
    -pl benchmarks/workload,benchmarks/lens-handlers,benchmarks/powertools-handlers,benchmarks/aws-workload,benchmarks/aws-lens-handlers,benchmarks/aws-xray-handlers,benchmarks/runner -am
else
  shift
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp "benchmarks/runner/target/classes:$(cat benchmarks/runner/target/classpath.txt)" \
  dev.lambdalens.benchmarks.runner.BenchmarkSuite --benchmarks-dir benchmarks --profile long "$@"
