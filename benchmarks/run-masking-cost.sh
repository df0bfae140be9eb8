#!/usr/bin/env bash
# What masking costs per log line: the log-line benchmarks (LogLineBenchmark) on the current code and on the
# release before masking (commit 2d09c81) in one run, with the ratio per benchmark, plus the other hot paths.
#
#   benchmarks/run-masking-cost.sh                   builds the current benchmark modules (tests skipped) and,
#                                                    once, the release's core and logging jars; then runs
#   benchmarks/run-masking-cost.sh --no-build        uses what earlier builds left in target/
#
# The release is checked out in a temporary git worktree under benchmarks/target/, built with
# `./mvnw -DskipTests package -pl core,logging -am` there (package only: nothing is installed in ~/.m2), and
# its two jars are copied to benchmarks/target/release-<commit>/; the worktree is removed again.
# Further arguments go to BenchmarkSuite (e.g. --profile long); the default profile is short.
# Report: benchmarks/target/benchmark-report.md (tables "Hot paths" and "Masking cost per log line").
set -euo pipefail
cd "$(dirname "$0")/.."

RELEASE_COMMIT=2d09c81
release_jars="benchmarks/target/release-$RELEASE_COMMIT"

build=true
if [ "${1:-}" = "--no-build" ]; then
  build=false
  shift
fi
if $build; then
  echo "== building the benchmark modules (tests skipped)"
  ./mvnw -q -B -DskipTests package -pl benchmarks/workload,benchmarks/lens-handlers,benchmarks/runner -am
fi

if [ ! -f "$release_jars/lambda-lens-core.jar" ] || [ ! -f "$release_jars/lambda-lens-logging.jar" ]; then
  checkout="benchmarks/target/release-$RELEASE_COMMIT-checkout"
  echo "== building $RELEASE_COMMIT's core and logging in a temporary worktree ($checkout)"
  cleanup() { git worktree remove --force "$checkout" 2>/dev/null || rm -rf "$checkout"; git worktree prune; }
  trap cleanup EXIT
  rm -rf "$checkout"
  git worktree prune
  git worktree add --detach "$checkout" "$RELEASE_COMMIT" > /dev/null
  # Its tests are skipped; test-support and testing are built only because logging's test scope names them.
  (cd "$checkout" && ./mvnw -q -B -DskipTests package -pl core,logging -am)
  mkdir -p "$release_jars"
  cp "$checkout"/core/target/lambda-lens-core-*[0-9T].jar "$release_jars/lambda-lens-core.jar"
  cp "$checkout"/logging/target/lambda-lens-logging-*[0-9T].jar "$release_jars/lambda-lens-logging.jar"
  git rev-parse --short "$RELEASE_COMMIT" > "$release_jars/commit.txt"
  cleanup
  trap - EXIT
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "== hot paths, current code against $RELEASE_COMMIT ($("$java" -version 2>&1 | head -n 1))"
exec "$java" -cp "benchmarks/runner/target/classes:$(cat benchmarks/runner/target/classpath.txt)" \
  dev.lambdalens.benchmarks.runner.BenchmarkSuite --benchmarks-dir benchmarks --profile short --only hotpath \
  --release-jars "$release_jars" "$@"
