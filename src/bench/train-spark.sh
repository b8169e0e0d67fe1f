#!/usr/bin/env bash
# Training benchmark: the single-JVM trainer (train) and the Spark trainer (spark/, in local[2]: driver and executors
# in one JVM, two task slots) on the same demo events; prints wall time and peak resident memory of each.
# Usage: src/bench/train-spark.sh [users: 6200 = about 1M events (default), 31000 = about 5M] [heap, default 4g]
# ONLY=jvm or ONLY=spark runs one of the two; WORK=DIR keeps the data (and reuses it when present).
set -euo pipefail
cd "$(dirname "$0")/../.."
USERS=${1:-6200}
HEAP=${2:-4g}
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
ls spark/target/vitrine-spark-*-app.jar >/dev/null 2>&1 || ./mvnw -B -q verify -DskipTests
APP=$(ls spark/target/vitrine-spark-*-app.jar | head -1)
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
# Spark itself is "provided" (a cluster has it): here it comes from the local Maven repository.
./mvnw -B -q -f spark/pom.xml dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$WORK/spark.cp"
# The module openings Spark 3.5 needs on Java 17 (the same list as spark/pom.xml and the README).
OPENS=$(sed -n '/<spark.add-opens>/,/<\/spark.add-opens>/p' spark/pom.xml | sed 's/<[^>]*>//g' | tr '\n' ' ')
[ -f "$WORK/demo/events.csv" ] || java -jar target/quarkus-app/quarkus-run.jar demo-data --out "$WORK/demo" \
  --users "$USERS" --items 1000 --days 30 --seed 1 --end 2026-11-20 2>/dev/null | grep wrote
echo "events: $(($(wc -l < "$WORK/demo/events.csv") - 1))"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), heap -Xmx$HEAP; $(uptime | sed 's/.*load/load/')"
ONLY=${ONLY:-both}
if [ "$ONLY" != spark ]; then
echo "== single JVM: train"
/usr/bin/time -f 'single JVM: wall %e s, peak resident memory %M KB' java -Xmx"$HEAP" -XX:+UseParallelGC \
  -jar target/quarkus-app/quarkus-run.jar train --events "$WORK/demo/events.csv" --items "$WORK/demo/items.csv" \
  --model-uri "file:$WORK/models-jvm" 2> >(grep -v -E ' INFO | WARN |replay' >&2) \
  | grep -E 'events:|examples:|validation:|model  |MostPop|published'
fi
if [ "$ONLY" != jvm ]; then
echo "== Spark local[2]: io.vitrine.spark.SparkTrain"
/usr/bin/time -f 'Spark local[2]: wall %e s, peak resident memory %M KB' java -Xmx"$HEAP" $OPENS \
  -cp "$APP:$(cat "$WORK/spark.cp")" io.vitrine.spark.SparkTrain --master 'local[2]' \
  --events "$WORK/demo/events.csv" --items "$WORK/demo/items.csv" --model-uri "file:$WORK/models-spark" \
  2> >(grep -v -E 'INFO|WARN|SLF4J|^\s+at |RabitTracker|got new rank' >&2) \
  | grep -v -E 'INFO|WARN|RabitTracker|got new rank'
fi
echo "$(uptime | sed 's/.*load/load/')"
