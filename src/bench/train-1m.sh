#!/usr/bin/env bash
# Training benchmark: about one million demo events, heap capped at 2 GiB; prints wall time and peak memory.
# Usage: src/bench/train-1m.sh [heap, default 2g]
set -euo pipefail
cd "$(dirname "$0")/../.."
HEAP=${1:-2g}
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
java -jar target/quarkus-app/quarkus-run.jar demo-data --out "$WORK/demo" --users 6200 --items 1000 --days 30 \
  --seed 1 --end 2026-11-20 2>/dev/null | grep wrote
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), heap -Xmx$HEAP"
/usr/bin/time -f 'wall %e s, peak resident memory %M KB' java -Xmx"$HEAP" -XX:+UseParallelGC \
  -jar target/quarkus-app/quarkus-run.jar train --events "$WORK/demo/events.csv" --items "$WORK/demo/items.csv" \
  --model-uri "file:$WORK/models" 2> >(grep -v -E ' INFO | WARN |replay' >&2) | grep -v -E ' INFO | WARN '
