#!/usr/bin/env bash
# JVM-mode start time: milliseconds from launching the packaged service to its first 200 on /q/health/ready that
# reports a model version, with the model bundle read from an S3-compatible store (s3proxy from the test classpath,
# in memory) and Redis from a redis-server of its own. Several runs per mode, interleaved; prints each run and the
# median per mode.
#
# Usage: deploy/measure-start.sh [--runs N] [--modes plain,appcds,...] [--cpus LIST] [--rebuild]
#   --rebuild  rebuild the jar (and the package for mode package) even if present
#   modes: plain   java -jar quarkus-run.jar
#          appcds  the same with -XX:SharedArchiveFile=app-cds.jsa (built with -Dquarkus.package.jar.appcds.enabled=true)
#          appcds-c1  appcds plus -XX:TieredStopAtLevel=1 (C1 only: faster start, slower peak)
#          jdk25   java -jar quarkus-run.jar on the JDK of JAVA25_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64)
#          aot25   the same with -XX:AOTCache=app.aot (JEP 483/514/515: classes loaded and linked, method profiles),
#                  the cache made first by a training run of that JDK (-XX:AOTCacheOutput) that loads the model,
#                  answers recommend and feedback calls and is stopped as the platform stops an instance
#          package  the function package target/deploy/vitrine-fc-jvm.zip (deploy/package.sh) started by its own
#                   bootstrap: bundled Java runtime, its AppCDS archive, the functions' JVM flags
#   --cpus  pin the service to these CPUs with taskset (e.g. 0 for one vCPU, like a 1-vCPU function instance)
# Needs: JDK 17+, redis-server on PATH (else REDIS_HOSTS=redis://host:port is used as is), curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=5
MODES=plain,appcds
CPUS=
REBUILD=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --modes) MODES=$2; shift 2 ;;
    --cpus) CPUS=$2; shift 2 ;;
    --rebuild) REBUILD=true; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

APP=target/quarkus-app
# One build serves every mode: the AppCDS archive sits next to the jar and is only used when asked for.
if $REBUILD || [ ! -f "$APP/quarkus-run.jar" ] || { [[ $MODES == *appcds* ]] && [ ! -f "$APP/app-cds.jsa" ]; }; then
  echo "building the jar (with the AppCDS archive)..."
  ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
fi
if [[ $MODES == *package* ]] && { $REBUILD || [ ! -f target/deploy/vitrine-fc-jvm.zip ]; }; then
  deploy/package.sh --mode jvm
fi
if [ ! -f target/cp.txt ] || [ ! -f target/test-classes/io/vitrine/testing/S3ProxyMain.class ]; then
  echo "compiling the test classpath (s3proxy)..."
  ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${REDIS_PORT:-}" ] && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if command -v redis-server >/dev/null; then
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" --daemonize yes \
    --logfile "$WORK/redis.log" >/dev/null
  REDIS_HOSTS=redis://127.0.0.1:$REDIS_PORT
else
  REDIS_HOSTS=${REDIS_HOSTS:-redis://127.0.0.1:6379}
fi

java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:$(cat target/cp.txt)" \
  io.vitrine.testing.S3ProxyMain models >"$WORK/s3.env" 2>"$WORK/s3.log" &
PIDS+=($!)
for _ in $(seq 1 150); do grep -qs '^S3_BUCKET=' "$WORK/s3.env" && break; sleep 0.2; done
grep -q '^S3_BUCKET=' "$WORK/s3.env" || { cat "$WORK/s3.log" >&2; echo "s3proxy did not start" >&2; exit 1; }
# shellcheck disable=SC1091
. "$WORK/s3.env"
export VITRINE_STORAGE_S3_ENDPOINT=$S3_ENDPOINT VITRINE_STORAGE_S3_REGION=$S3_REGION \
  VITRINE_STORAGE_S3_PATH_STYLE=true VITRINE_STORAGE_S3_ACCESS_KEY_ID=$S3_ACCESS_KEY_ID \
  VITRINE_STORAGE_S3_SECRET_ACCESS_KEY=$S3_SECRET_ACCESS_KEY
MODEL_URI=s3://$S3_BUCKET/vitrine

echo "publishing a model bundle to $MODEL_URI (demo-data, train)..."
java -jar "$APP/quarkus-run.jar" demo-data --out "$WORK/demo" --seed 7 >"$WORK/demo.log" 2>&1
java -jar "$APP/quarkus-run.jar" train --events "$WORK/demo/events.csv" --items "$WORK/demo/items.csv" \
  --model-uri "$MODEL_URI" >"$WORK/train.log" 2>&1 || { tail -20 "$WORK/train.log" >&2; exit 1; }
s3get() {  # a signed GET of the store (curl's SigV4; s3proxy wants the empty payload's hash spelled out)
  curl -sf -H 'x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' \
    --aws-sigv4 "aws:amz:$S3_REGION:s3" --user "$S3_ACCESS_KEY_ID:$S3_SECRET_ACCESS_KEY" "$S3_ENDPOINT/$1"
}
VERSION=$(s3get "$S3_BUCKET/vitrine/LATEST" | tr -d '[:space:]')
[ -n "$VERSION" ] || { echo "no LATEST under $MODEL_URI" >&2; exit 1; }
BUNDLE_BYTES=$(s3get "$S3_BUCKET?list-type=2&prefix=vitrine%2F$VERSION%2F" | grep -o '<Size>[0-9]*</Size>' \
  | tr -dc '0-9\n' | awk '{s+=$1} END {print s+0}')
echo "bundle $VERSION: $BUNDLE_BYTES bytes"

if [ -f "$APP/app-cds.jsa" ] && [[ $MODES == *appcds* ]]; then
  # -Xshare:on fails instead of silently ignoring an archive this JVM cannot map.
  (cd "$APP" && java -Xshare:on -XX:SharedArchiveFile=app-cds.jsa -jar quarkus-run.jar --version >/dev/null 2>&1) \
    || { echo "app-cds.jsa cannot be used by $(java -version 2>&1 | head -1); rebuild with --rebuild" >&2; exit 1; }
fi

JAVA25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
if [[ $MODES == *aot25* ]]; then
  echo "training run for the AOT cache ($($JAVA25 -version 2>&1 | head -1))..."
  rm -f "$APP/app.aot"
  PORT=$(free_port)
  (cd "$APP" && exec env QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_REDIS_HOSTS="$REDIS_HOSTS" \
    VITRINE_MODEL_URI="$MODEL_URI" VITRINE_SECURITY_CLIENT_KEYS=measure-key \
    "$JAVA25" -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar serve) >"$WORK/aot-training.log" 2>&1 &
  TRAINER=$!
  PIDS+=($TRAINER)
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null | grep -q "$VERSION" && break
    sleep 0.1
  done
  for i in $(seq 1 200); do
    curl -s -o /dev/null -H 'X-Api-Key: measure-key' -H 'Content-Type: application/json' \
      -d "{\"userId\":\"user-$((i % 50))\",\"count\":20}" "http://127.0.0.1:$PORT/v1/recommend"
  done
  curl -s -o /dev/null -H 'X-Api-Key: measure-key' -H 'Content-Type: application/json' \
    -d '{"eventId":"aot-1","userId":"user-1","type":"click","itemId":"item-1"}' "http://127.0.0.1:$PORT/v1/feedback"
  kill "$TRAINER"; wait "$TRAINER" 2>/dev/null || true
  [ -f "$APP/app.aot" ] || { tail -20 "$WORK/aot-training.log" >&2; echo "no AOT cache written" >&2; exit 1; }
  echo "AOT cache: $(du -m "$APP/app.aot" | cut -f1) MB"
fi

TASKSET=()
[ -n "$CPUS" ] && TASKSET=(taskset -c "$CPUS")
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

echo "machine: $(nproc) cores${CPUS:+, service pinned to CPUs $CPUS}, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "$(java -version 2>&1 | head -1)"
if [[ $MODES == *package* ]]; then
  unzip -q target/deploy/vitrine-fc-jvm.zip -d "$WORK/package"
fi
# Runs are interleaved (run 1 of every mode, then run 2, ...) so that a change in the machine's load over time does not
# favour one mode.
declare -A TIMES
for run in $(seq 1 "$RUNS"); do
  for mode in ${MODES//,/ }; do
    case "$mode" in
      plain) COMMAND=(java -jar quarkus-run.jar serve) ;;
      appcds) COMMAND=(java -XX:SharedArchiveFile=app-cds.jsa -jar quarkus-run.jar serve) ;;
      appcds-c1) COMMAND=(java -XX:SharedArchiveFile=app-cds.jsa -XX:TieredStopAtLevel=1 -jar quarkus-run.jar serve) ;;
      jdk25) COMMAND=("$JAVA25" -jar quarkus-run.jar serve) ;;
      aot25) COMMAND=("$JAVA25" -XX:AOTCache=app.aot -jar quarkus-run.jar serve) ;;
      package) COMMAND=("$WORK/package/bootstrap") ;;
      *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
    PORT=$(free_port)
    LOG="$WORK/serve-$mode-$run.log"
    START=$(now_ms)
    (cd "$APP" && exec env QUARKUS_HTTP_PORT="$PORT" VITRINE_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 \
      QUARKUS_REDIS_HOSTS="$REDIS_HOSTS" VITRINE_MODEL_URI="$MODEL_URI" VITRINE_SECURITY_CLIENT_KEYS=measure-key \
      "${TASKSET[@]}" "${COMMAND[@]}") >"$LOG" 2>&1 &
    SERVICE=$!
    PIDS+=($SERVICE)
    READY=
    while [ -z "$READY" ]; do
      body=$(curl -s --max-time 1 -w '\n%{http_code}' "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null || true)
      if [ "${body##*$'\n'}" = 200 ] && [[ $body == *"$VERSION"* ]]; then
        READY=$(($(now_ms) - START))
      elif ! kill -0 "$SERVICE" 2>/dev/null; then
        tail -20 "$LOG" >&2; echo "the service exited" >&2; exit 1
      elif [ $(($(now_ms) - START)) -gt 60000 ]; then
        tail -20 "$LOG" >&2; echo "not ready with $VERSION after 60 s" >&2; exit 1
      else
        sleep 0.01
      fi
    done
    kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true
    started=$(grep -o 'started in [0-9.]*s' "$LOG" | head -1 || true)
    echo "run $run $mode: ${READY} ms to ready with model $VERSION (Quarkus: ${started:-?})"
    TIMES[$mode]="${TIMES[$mode]:-} $READY"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in ${MODES//,/ }; do
  # shellcheck disable=SC2086
  sorted=$(printf '%s\n' ${TIMES[$mode]} | sort -n)
  echo "$mode: median $(echo "$sorted" | median) ms over $RUNS runs (min $(echo "$sorted" | head -1), max $(echo "$sorted" | tail -1))"
done
