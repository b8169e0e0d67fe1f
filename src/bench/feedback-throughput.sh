#!/usr/bin/env bash
# Feedback throughput: batches of 100 events against the packaged service and a local redis-server.
# Usage: src/bench/feedback-throughput.sh [batches] [threads]
# Starts its own redis-server (from PATH) on a free port and the service on another, and stops both afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
BATCHES=${1:-3000}
THREADS=${2:-8}
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -d target/test-classes/io/vitrine/bench ]; then
  ./mvnw -B -q package -DskipTests
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port)
HTTP_PORT=$(free_port)
DATA=$(mktemp -d)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$DATA" --daemonize yes \
  --logfile "$DATA/redis.log" >/dev/null
KEY=bench-$RANDOM$RANDOM
QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$REDIS_PORT QUARKUS_HTTP_PORT=$HTTP_PORT QUARKUS_HTTP_HOST=127.0.0.1 \
  VITRINE_SECURITY_CLIENT_KEYS=$KEY QUARKUS_LOG_CONSOLE_LEVEL=WARN \
  java -Xmx512m -jar target/quarkus-app/quarkus-run.jar serve >"$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null && break
  sleep 0.2
done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); redis $(redis-server --version | awk '{print $3}')"
java -cp target/test-classes io.vitrine.bench.FeedbackBenchmark "http://127.0.0.1:$HTTP_PORT" "$KEY" "$BATCHES" 100 "$THREADS"
echo "stream length: $(redis-cli -p "$REDIS_PORT" xlen 'vitrine:{events}:log')"
