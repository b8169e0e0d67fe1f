#!/usr/bin/env bash
# Builds the function packages of every cloud from one build of the application:
#   target/deploy/vitrine-fc-<mode>.zip      Alibaba Cloud Function Compute 3.0, runtime custom.debian12 (port 9000)
#   target/deploy/vitrine-lambda-<mode>.zip  AWS Lambda, runtime provided.al2023 + Lambda Web Adapter (port 8080)
#   target/deploy/functions.json             deploy/functions.yaml, validated
#   target/deploy/packages.json              what was built (mode, files, sizes, SHA-256)
# <mode> is "native" when a native binary exists (target/*-runner, from ./mvnw package -Dnative), else "jvm" (from
# target/quarkus-app, built here when missing). A JVM package carries a Java runtime of its own (jlink of the building
# JDK, with an AppCDS archive made by that runtime) unless --jre none: neither runtime has Java.
#
# Usage: deploy/package.sh [--mode auto|native|jvm] [--jre bundle|none] [--no-appcds] [--smoke]
#                          [--functions FILE] [--out DIR]
#   --smoke  unzip each package and start its bootstrap locally until /q/health/live answers 200
# Needs: bash, python3, zip, unzip, curl; for JVM packages a JDK 17+ with jlink.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=auto
JRE=bundle
APPCDS=true
SMOKE=false
FUNCTIONS=deploy/functions.yaml
OUT=target/deploy
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) MODE=$2; shift 2 ;;
    --jre) JRE=$2; shift 2 ;;
    --no-appcds) APPCDS=false; shift ;;
    --smoke) SMOKE=true; shift ;;
    --functions) FUNCTIONS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$JRE" in bundle|none) ;; *) echo "--jre must be bundle or none" >&2; exit 2 ;; esac

# Highest glibc symbol version an ELF file needs. Both runtimes have glibc 2.34 or newer (AL2023 2.34, Debian 12 2.36),
# which is also what binaries from the UBI9 Mandrel builder need.
MAX_GLIBC=2.34
glibc_needed() {
  if command -v objdump >/dev/null; then
    objdump -T "$1" 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1
  fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
glibc_ok() { [ -z "$1" ] || [ "$(printf '%s\n%s\n' "$1" "$MAX_GLIBC" | sort -V | tail -1)" = "$MAX_GLIBC" ]; }

# --- per-function configuration ------------------------------------------------------------------------------------
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
rel() { realpath --relative-to=. "$1"; }
yaml_to_json() {
  if python3 -c 'import yaml' 2>/dev/null; then
    python3 -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)' "$1"
  elif command -v yq >/dev/null && yq --version 2>&1 | grep -q mikefarah; then
    yq -o=json '.' "$1"
  elif command -v yq >/dev/null; then
    yq '.' "$1" # python-yq (a jq wrapper) prints JSON
  else
    echo "reading $1 needs python3 with PyYAML, or yq" >&2
    return 1
  fi
}
yaml_to_json "$FUNCTIONS" | python3 -c '
import json, re, sys
CALLS = {"recommend", "feedback", "ab-assign", "admin"}
doc = json.load(sys.stdin)
functions = (doc or {}).get("functions") or {}
errors, served = [], {}
if not functions:
    errors.append("no functions")
for name, f in functions.items():
    where = "function " + name
    if not re.fullmatch(r"[a-z][a-z0-9-]{0,39}", name):
        errors.append(where + ": name must be lower case letters, digits and dashes, starting with a letter, at most 40")
    f = f or {}
    unknown = set(f) - {"calls", "memory_mb", "cpu", "instance_concurrency", "reserved_concurrency", "timeout_s"}
    if unknown:
        errors.append(where + ": unknown keys " + ", ".join(sorted(unknown)))
    calls = f.get("calls") or []
    if not calls:
        errors.append(where + ": calls is empty")
    for call in calls:
        for c in (CALLS if call == "all" else {call}):
            if c not in CALLS:
                errors.append(where + ": unknown call " + str(call))
            elif c in served:
                errors.append(where + ": " + c + " is already served by " + served[c])
            else:
                served[c] = name
    mem, cpu = f.get("memory_mb"), f.get("cpu")
    if not isinstance(mem, int) or mem % 64 or not 128 <= mem <= 10240:
        errors.append(where + ": memory_mb must be a multiple of 64 in 128..10240")
    if not isinstance(cpu, (int, float)) or cpu < 0.05 or abs(cpu * 20 - round(cpu * 20)) > 1e-9:
        errors.append(where + ": cpu must be a multiple of 0.05 (FC vCPUs)")
    elif isinstance(mem, int) and not cpu <= mem / 1024 <= 4 * cpu:
        errors.append(where + ": FC needs memory (GB) between 1 and 4 times cpu")
    ic = f.get("instance_concurrency", 1)
    if not isinstance(ic, int) or not 1 <= ic <= 200:
        errors.append(where + ": instance_concurrency must be 1..200")
    rc = f.get("reserved_concurrency")
    if rc is not None and (not isinstance(rc, int) or rc < 1):
        errors.append(where + ": reserved_concurrency must be null or a positive integer")
    t = f.get("timeout_s", 10)
    if not isinstance(t, int) or not 1 <= t <= 900:
        errors.append(where + ": timeout_s must be 1..900")
missing = CALLS - set(served)
if missing:
    errors.append("no function serves " + ", ".join(sorted(missing)))
if errors:
    sys.exit("deploy/functions.yaml: " + "; ".join(errors))
json.dump({"functions": functions}, open(sys.argv[1], "w"), indent=2)
for name, f in functions.items():
    print("  %-10s %-26s %5d MB  cpu %-4s  concurrency %-3s  timeout %s s" % (name, ",".join(f["calls"]),
          f["memory_mb"], f["cpu"], f.get("instance_concurrency", 1), f.get("timeout_s", 10)))
' "$OUT/functions.json"
echo "functions: $FUNCTIONS is valid (written to $(rel "$OUT/functions.json"))"

# --- what to package -----------------------------------------------------------------------------------------------
RUNNER=$(find target -maxdepth 1 -type f -name '*-runner' -perm -u+x 2>/dev/null | head -1 || true)
if [ "$MODE" = auto ]; then
  if [ -n "$RUNNER" ]; then MODE=native; else MODE=jvm; fi
fi
STAGE="$OUT/stage"
rm -rf "$STAGE"
mkdir -p "$STAGE/payload"
PAYLOAD="$STAGE/payload"

case "$MODE" in
  native)
    [ -n "$RUNNER" ] || { echo "no native binary target/*-runner: build it with ./mvnw package -Dnative" >&2; exit 1; }
    cp "$RUNNER" "$PAYLOAD/vitrine-runner"
    chmod 755 "$PAYLOAD/vitrine-runner"
    # Shared libraries the native build left next to the binary (JNI libraries), if any.
    for so in target/*.so; do
      [ -e "$so" ] || continue
      mkdir -p "$PAYLOAD/lib"
      cp "$so" "$PAYLOAD/lib/"
    done
    need=$(glibc_needed "$PAYLOAD/vitrine-runner")
    glibc_ok "$need" || { echo "$RUNNER needs glibc $need; the runtimes have $MAX_GLIBC: build it in the Mandrel builder container (-Dquarkus.native.container-build=true)" >&2; exit 1; }
    echo "native: $RUNNER (needs glibc ${need:-unknown})"
    ;;
  jvm)
    if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
      echo "building the JVM application (target/quarkus-app)..."
      ./mvnw -B -q package -DskipTests
    fi
    cp -r target/quarkus-app "$PAYLOAD/quarkus-app"
    # An archive dumped by another JVM is useless; a bundled runtime makes its own below.
    rm -f "$PAYLOAD/quarkus-app/app-cds.jsa"
    # xgboost4j's native library needs libgomp, which the runtimes may lack; bundle the build machine's if the
    # runtimes' glibc can load it (libstdc++ and libgcc_s come from the runtime).
    gomp=$( (ldconfig -p 2>/dev/null || true) | awk '/libgomp\.so\.1 .*x86-64/ {print $NF; exit}')
    if [ -n "$gomp" ] && [ -f "$gomp" ]; then
      need=$(glibc_needed "$gomp")
      if glibc_ok "$need"; then
        mkdir -p "$PAYLOAD/lib"
        cp -L "$gomp" "$PAYLOAD/lib/libgomp.so.1"
        echo "jvm: bundled $gomp (needs glibc ${need:-unknown})"
      else
        echo "warning: not bundling $gomp (needs glibc $need > $MAX_GLIBC); the runtime must provide libgomp.so.1" >&2
      fi
    else
      echo "warning: no libgomp.so.1 on this machine; the runtime must provide it for the tribuo evaluator" >&2
    fi
    if [ "$JRE" = bundle ]; then
      JLINK=${JAVA_HOME:+$JAVA_HOME/bin/}jlink
      command -v "$JLINK" >/dev/null || { echo "jlink not found (set JAVA_HOME to a JDK 17+)" >&2; exit 1; }
      # The modules the application's jars use (jdeps), plus what is only reached by reflection or service lookup:
      # EC crypto for TLS (rediss://, https to object storage), DNS, zip file system, JMX for metrics.
      MODULES=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http
      MODULES=$MODULES,java.security.jgss,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.management
      MODULES=$MODULES,jdk.naming.dns,jdk.unsupported,jdk.zipfs
      "$JLINK" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 \
        --generate-cds-archive --output "$PAYLOAD/jre" >/dev/null
      echo "jvm: bundled Java runtime $("$PAYLOAD/jre/bin/java" -version 2>&1 | head -1) ($(du -sh "$PAYLOAD/jre" | cut -f1))"
      if $APPCDS; then
        # A training run: start the service with this runtime (no Redis, no model: it starts all the same), let it
        # become live, stop it; the JVM writes the classes it loaded at exit. No build flag is needed.
        port=$(free_port)
        (cd "$PAYLOAD/quarkus-app" && exec env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
          VITRINE_MODEL_URI="file:$STAGE/no-models" QUARKUS_REDIS_HOSTS=redis://127.0.0.1:1 \
          VITRINE_SECURITY_CLIENT_KEYS=appcds ../jre/bin/java -XX:ArchiveClassesAtExit=app-cds.jsa \
          -jar quarkus-run.jar serve) >"$STAGE/appcds.log" 2>&1 &
        trainee=$!
        live=false
        for _ in $(seq 1 600); do
          if curl -sf "http://127.0.0.1:$port/q/health/live" >/dev/null 2>&1; then live=true; break; fi
          kill -0 "$trainee" 2>/dev/null || break
          sleep 0.2
        done
        $live && curl -s "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 || true
        kill "$trainee" 2>/dev/null || true
        wait "$trainee" 2>/dev/null || true
        if ! $live || [ ! -f "$PAYLOAD/quarkus-app/app-cds.jsa" ]; then
          tail -20 "$STAGE/appcds.log" >&2
          echo "AppCDS archive generation failed" >&2
          exit 1
        fi
        # -Xshare:on fails instead of ignoring an archive that does not match (the class path must be the same).
        (cd "$PAYLOAD/quarkus-app" && ../jre/bin/java -Xshare:on -XX:SharedArchiveFile=app-cds.jsa \
          -cp quarkus-run.jar -version >/dev/null 2>&1) \
          || { echo "the AppCDS archive cannot be mapped by its own runtime" >&2; exit 1; }
        echo "jvm: AppCDS archive ($(du -sh "$PAYLOAD/quarkus-app/app-cds.jsa" | cut -f1))"
      fi
    else
      echo "jvm: no Java runtime bundled (--jre none): the function needs JAVA_HOME or java on PATH (deploy/README.md)"
    fi
    ;;
  *) echo "--mode must be auto, native or jvm" >&2; exit 2 ;;
esac

# --- one zip per platform ------------------------------------------------------------------------------------------
sha256() { sha256sum "$1" | cut -d' ' -f1; }
declare -A PORTS=([fc]=9000 [lambda]=8080)
ENTRIES=()
rm -f "$OUT"/vitrine-*.zip
for platform in fc lambda; do
  dir="$STAGE/$platform"
  cp -r "$PAYLOAD" "$dir"
  sed "s/^DEFAULT_PORT=.*/DEFAULT_PORT=${PORTS[$platform]} # $platform (written by deploy\/package.sh)/" deploy/bootstrap \
    >"$dir/bootstrap"
  chmod 755 "$dir/bootstrap"
  zipfile="$OUT/vitrine-$platform-$MODE.zip"
  (cd "$dir" && zip -q -r -X "$zipfile" .)
  size=$(stat -c %s "$zipfile")
  unpacked=$(du -sb "$dir" | cut -f1)
  echo "$(rel "$zipfile"): $((size / 1048576)) MB ($((unpacked / 1048576)) MB unpacked), sha256 $(sha256 "$zipfile")"
  ENTRIES+=("\"$platform\": {\"file\": \"$(rel "$zipfile")\", \"bytes\": $size, \"unpackedBytes\": $unpacked, \"sha256\": \"$(sha256 "$zipfile")\", \"port\": ${PORTS[$platform]}}")
done
(IFS=,; printf '{"mode": "%s", %s}\n' "$MODE" "${ENTRIES[*]}") | python3 -m json.tool >"$OUT/packages.json"

# --- optional smoke test: each package's bootstrap serves /q/health/live -------------------------------------------
if $SMOKE; then
  for platform in fc lambda; do
    dir=$(mktemp -d)
    unzip -q "$OUT/vitrine-$platform-$MODE.zip" -d "$dir"
    port=$(free_port)
    VITRINE_HTTP_PORT=$port VITRINE_MODEL_URI="file:$dir/no-models" QUARKUS_REDIS_HOSTS=redis://127.0.0.1:1 \
      VITRINE_SECURITY_CLIENT_KEYS=smoke "$dir/bootstrap" >"$dir/out.log" 2>&1 &
    pid=$!
    ok=false
    for _ in $(seq 1 300); do
      if curl -sf "http://127.0.0.1:$port/q/health/live" >/dev/null; then ok=true; break; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if $ok; then
      echo "smoke: vitrine-$platform-$MODE.zip serves /q/health/live"
      rm -rf "$dir"
    else
      tail -30 "$dir/out.log" >&2
      echo "smoke: vitrine-$platform-$MODE.zip did not come up (log: $dir/out.log)" >&2
      exit 1
    fi
  done
fi
rm -rf "$STAGE"
