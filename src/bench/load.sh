#!/usr/bin/env bash
# Sustained load on the packaged service: recommend and feedback at fixed rates against a local redis-server,
# with per-10-second latency percentiles, status codes and the service's resident memory.
# Usage: src/bench/load.sh [recommend/s=500] [events/s=2000] [seconds=300] [fault=none|redis]
#   fault=redis stops Redis for 10 s at one third of the run and restarts it (append-only file on), then checks
#   that every acknowledged event is in the event log exactly once.
# Builds the jar if needed, starts its own redis-server (from PATH) on a free port, generates demo data, imports it,
# trains a model into a temporary directory, then serves it. Stops everything afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
RPS=${1:-500}
EPS=${2:-2000}
SECONDS_TOTAL=${3:-300}
FAULT=${4:-none}
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -f target/test-classes/io/vitrine/bench/LoadGenerator.class ]; then
  ./mvnw -B -q package -DskipTests
fi
[ -f target/cp.txt ] || ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port)
HTTP_PORT=$(free_port)
DATA=$(mktemp -d)
start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync everysec \
    --dir "$DATA" --daemonize yes --logfile "$DATA/redis.log" >/dev/null
}
start_redis
APP=
trap '[ -n "$APP" ] && kill $APP 2>/dev/null; redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true; rm -rf "$DATA"' EXIT
KEY=load-$RANDOM$RANDOM
JOB_ENV=(QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$REDIS_PORT QUARKUS_LOG_CONSOLE_LEVEL=WARN)
JAR=target/quarkus-app/quarkus-run.jar
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); redis $(redis-server --version | awk '{print $3}')"
echo "preparing: demo data (5000 users, 2000 items, 14 days), import, train"
env "${JOB_ENV[@]}" java -jar $JAR demo-data --out "$DATA/demo" --users 5000 --items 2000 --days 14 >/dev/null
env "${JOB_ENV[@]}" java -jar $JAR import --items "$DATA/demo/items.csv" --users "$DATA/demo/users.csv" \
  --events "$DATA/demo/events.csv" >/dev/null
env "${JOB_ENV[@]}" java -Xmx2g -jar $JAR train --items "$DATA/demo/items.csv" --events "$DATA/demo/events.csv" \
  --model-uri "file:$DATA/models" >/dev/null
tail -n +2 "$DATA/demo/items.csv" | cut -d, -f1 >"$DATA/item-ids.txt"
BEFORE=$(redis-cli -p "$REDIS_PORT" xlen 'vitrine:{events}:log')
env "${JOB_ENV[@]}" QUARKUS_HTTP_PORT=$HTTP_PORT QUARKUS_HTTP_HOST=127.0.0.1 VITRINE_SECURITY_CLIENT_KEYS=$KEY \
  VITRINE_MODEL_URI="file:$DATA/models" \
  java ${LOAD_JAVA_OPTS:--Xmx1g -XX:+UseG1GC} -jar $JAR serve >"$DATA/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 150); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null && break
  sleep 0.2
done
echo "service pid $APP, JVM options: ${LOAD_JAVA_OPTS:--Xmx1g -XX:+UseG1GC}; event log holds $BEFORE imported events"
if [ "$FAULT" = redis ]; then
  (sleep $((SECONDS_TOTAL / 3)); echo ">>> stopping Redis for 10 s"; redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
   sleep 10; start_redis; echo ">>> Redis restarted") &
fi
java -cp "target/test-classes:$(cat target/cp.txt)" io.vitrine.bench.LoadGenerator "http://127.0.0.1:$HTTP_PORT" \
  "$KEY" "$RPS" "$EPS" "$SECONDS_TOTAL" 5000 "$DATA/item-ids.txt" "$APP" | tee "$DATA/load.txt"
sleep 2
AFTER=$(redis-cli -p "$REDIS_PORT" xlen 'vitrine:{events}:log')
ACKED=$(grep -o 'events acknowledged [0-9]*' "$DATA/load.txt" | awk '{print $3}')
ABANDONED=$(grep -o 'events abandoned after [0-9]* attempts [0-9]*' "$DATA/load.txt" | awk '{print $6}')
STORED=$((AFTER - BEFORE))
echo "event log: $BEFORE before, $AFTER after: $STORED stored by the load; $ACKED acknowledged with 202 (each batch"\
  "sent again after a 503 or a lost answer, same event ids); $ABANDONED abandoned after every attempt failed"
if [ "$STORED" -ge "$ACKED" ] && [ "$STORED" -le $((ACKED + ABANDONED)) ]; then
  echo "exactly once: every acknowledged event stored, nothing stored twice"
else
  echo "EXACTLY-ONCE VIOLATED: stored $STORED, acknowledged $ACKED, abandoned $ABANDONED"
fi
echo "ERROR lines in the service log: $(grep -c ' ERROR ' "$DATA/app.log" || true)"
# The five most frequent kinds (time stamps and ids masked); awk rather than head, which would end the pipe early.
{ grep ' ERROR ' "$DATA/app.log" || true; } | cut -d' ' -f2- | sed -E 's/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/<id>/g' |
  cut -c1-200 | sort | uniq -c | sort -rn | awk 'NR <= 5'
