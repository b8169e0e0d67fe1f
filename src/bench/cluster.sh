#!/usr/bin/env bash
# Redis Cluster (3 masters) against one Redis, same run: recommend with 500 candidates and feedback ingestion
# throughput, ratios printed; then ack-replicas 0 vs 1 on 3 masters + 3 replicas (io.vitrine.bench.ClusterBenchmark).
# Usage: src/bench/cluster.sh [rps=200] [seconds=20] [runs=2] [feedback batches=400]
# Starts its own redis-server processes (from PATH, else the embedded-redis binary) on free ports and stops them.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
echo "machine: $(nproc) cores, $(uptime)"
java -Xms1g -Xmx1g -XX:+UseG1GC -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
  io.vitrine.bench.ClusterBenchmark "${1:-200}" "${2:-20}" "${3:-2}" "${4:-400}" 2>&1 \
  | grep -v -e '^Dec\|^[A-Z][a-z][a-z] [0-9]' -e '^INFO: ' -e 'LogManager accessed'
echo "machine after: $(uptime)"
