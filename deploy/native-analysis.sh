#!/usr/bin/env bash
# Runs the GraalVM native-image builder's analysis on this machine, without a GraalVM installation: the builder jars of
# GraalVM 25.0.2 (org.graalvm.nativeimage:svm and what it depends on) come from Maven Central, the host JVM is a
# Temurin 25 JDK (it has the JVMCI module). Static libraries for linking are not to be had that way, so the build is
# expected to end after analysis and compilation at the latest: a clean [2/8] "Performing analysis" is what it checks.
#
#   bash deploy/native-analysis.sh            # ./mvnw package -Dnative -Dquarkus.native.sources-only=true, then analyse
#   bash deploy/native-analysis.sh --no-build # analyse target/native-sources as it is
#   extra native-image arguments may follow, e.g. -H:+PrintAnalysisCallTree
#
# Environment: NATIVE_PROBE_DIR (default /work/native-probe or $HOME/.cache/vitrine-native-probe: jars, a hard-linked
# copy of the JDK and the output, all outside the repository), GRAAL_HOST_JAVA (default
# /usr/lib/jvm/temurin-25-jdk-amd64), PROBE_XMX (builder heap, default 10g).
#
# What stands in for a GraalVM distribution (see deploy/native-analysis/):
# - ProbeDriver.java, a minimal native-image driver (the svm-driver jar is not on Maven Central): turns Quarkus's
#   native-image.args and every class-path jar's META-INF/native-image files into builder arguments, translating the
#   API options (--features, --initialize-at-run-time, ...) with the builder's own @APIOption annotations;
# - gen-headers.sh, the C headers of lib/svm/clibraries/include, generated from the svm jar's @CStruct interfaces;
# - empty static archives named like the JDK's (libjava.a ...): the builder checks that they exist before analysis;
# - reporterchelper.c, the builder's tiny JNI helper for its progress report (peak RSS, terminal width).
# Prints the builder's output; exits 0 when analysis passed (the build may still fail later at linking).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=$ROOT/deploy/native-analysis
GRAAL=25.0.2
HOST_JDK=${GRAAL_HOST_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -z "${NATIVE_PROBE_DIR:-}" ]; then
  if [ -d /work ] && [ -w /work ]; then NATIVE_PROBE_DIR=/work/native-probe; else NATIVE_PROBE_DIR=$HOME/.cache/vitrine-native-probe; fi
fi
PROBE=$NATIVE_PROBE_DIR
mkdir -p "$PROBE"

BUILD=1
if [ "${1:-}" = "--no-build" ]; then BUILD=0; shift; fi
if [ $BUILD = 1 ]; then
  (cd "$ROOT" && ./mvnw -q -B package -Dnative -Dquarkus.native.sources-only=true -DskipTests)
fi
SRC=$ROOT/target/native-sources
[ -f "$SRC/native-image.args" ] || { echo "no $SRC/native-image.args: build with -Dquarkus.native.sources-only=true" >&2; exit 2; }

# 1. The builder jars from Maven Central.
LIB=$PROBE/lib-$GRAAL
if [ ! -f "$LIB/svm-$GRAAL.jar" ]; then
  mkdir -p "$PROBE/fetch"
  cat > "$PROBE/fetch/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>native-probe</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.graalvm.nativeimage</groupId><artifactId>svm</artifactId><version>$GRAAL</version></dependency>
  </dependencies>
</project>
EOF
  (cd "$PROBE/fetch" && JAVA_HOME=$HOST_JDK "$ROOT/mvnw" -q -B dependency:copy-dependencies -DoutputDirectory="$LIB")
fi

# 2. A hard-linked copy of the JDK (the builder looks for its helper library under java.home) with that helper.
JDK=$PROBE/jdk
if [ ! -x "$JDK/bin/java" ]; then
  cp -al "$HOST_JDK" "$JDK" 2>/dev/null || cp -a "$HOST_JDK" "$JDK"
fi
HELPER=$JDK/lib/svm/builder/lib/libreporterchelper.so
if [ ! -f "$HELPER" ]; then
  mkdir -p "$(dirname "$HELPER")"
  cc -shared -fPIC -O2 -I"$JDK/include" -I"$JDK/include/linux" -o "$HELPER" "$TOOLS/reporterchelper.c"
fi

# 3. C library path: generated headers and empty static archives.
CLIBS=$PROBE/clibs-$GRAAL
bash "$TOOLS/gen-headers.sh" "$LIB/svm-$GRAAL.jar" "$CLIBS/include" "$HOST_JDK/bin/javap"
for l in java nio net zip jvm fdlibm; do [ -f "$CLIBS/lib$l.a" ] || ar rc "$CLIBS/lib$l.a"; done
export PROBE_CLIBS=$CLIBS

# 4. Module path of the builder, and the exports a GraalVM JDK has built in: every concealed or qualified-exported
#    package of the JDK modules the builder uses, to the builder modules.
MP=$(ls "$LIB"/*.jar | grep -v "/compiler-$GRAAL.jar" | tr '\n' ':')
UPG=$LIB/compiler-$GRAAL.jar
MODS=$(for j in "$LIB"/*.jar; do "$JDK/bin/jar" --describe-module --file "$j" | head -1 | cut -d' ' -f1; done | tr '\n' ',')
EXPORTS=()
for mod in java.base jdk.internal.vm.ci java.management jdk.management jdk.jfr java.instrument java.logging \
  java.desktop java.xml jdk.zipfs jdk.unsupported java.security.jgss java.naming java.rmi java.sql jdk.net \
  jdk.management.agent jdk.attach jdk.crypto.cryptoki jdk.internal.jvmstat java.compiler jdk.compiler; do
  for pkg in $("$JDK/bin/java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --describe-module $mod 2>/dev/null \
    | awk '/^(contains|qualified exports)/{print ($1=="contains")?$2:$3}' | sort -u); do
    EXPORTS+=("--add-exports=$mod/$pkg=${MODS}ALL-UNNAMED")
  done
done

# 5. The driver: builder arguments from native-image.args and the class path's META-INF/native-image.
OUT=$PROBE/out
rm -rf "$OUT"; mkdir -p "$OUT"
"$JDK/bin/java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path "$UPG" --module-path "$MP" \
  "${EXPORTS[@]}" --add-modules org.graalvm.nativeimage.builder \
  --add-exports jdk.graal.compiler/jdk.graal.compiler.options=ALL-UNNAMED \
  --add-exports org.graalvm.nativeimage.builder/com.oracle.svm.core.option=ALL-UNNAMED \
  --add-exports org.graalvm.nativeimage.builder/com.oracle.svm.hosted.option=ALL-UNNAMED \
  --add-exports org.graalvm.collections/org.graalvm.collections=ALL-UNNAMED \
  --add-opens org.graalvm.nativeimage.builder/com.oracle.svm.core=ALL-UNNAMED \
  --add-opens org.graalvm.nativeimage.builder/com.oracle.svm.hosted=ALL-UNNAMED \
  --add-opens org.graalvm.nativeimage.builder/com.oracle.svm.hosted.classinitialization=ALL-UNNAMED \
  "$TOOLS/ProbeDriver.java" "$SRC" "$OUT" "$@" > "$OUT/driver.out"
sed -n '/^#JAVA$/,/^#BUILDER$/p' "$OUT/driver.out" | sed '1d;$d' > "$OUT/java.args"
sed -n '/^#BUILDER$/,$p' "$OUT/driver.out" | sed '1d' > "$OUT/builder.args"

# 6. The builder JVM with the system properties the native-image launcher gives it.
BUILDER_JVM=(-XX:+UseParallelGC -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -XX:-UseJVMCICompiler -Xss10m
  "-Xmx${PROBE_XMX:-10g}" -XX:+ExitOnOutOfMemoryError
  -Dgraalvm.locatorDisabled=true -Dtruffle.TrustAllTruffleRuntimeProviders=true
  -Djdk.internal.lambda.disableEagerInitialization=true -Djdk.internal.lambda.eagerlyInitialize=false
  -Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false
  -Djava.lang.invoke.MethodHandle.DUMP_CLASS_FILES=false
  -Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader
  -Dorg.graalvm.nativeimage.imagecode=buildtime
  -Dorg.graalvm.vendor=local -Dorg.graalvm.version=$GRAAL "-Dorg.graalvm.vendorversion='GraalVM CE $GRAAL+10.1'"
  -Dcom.oracle.graalvm.isaot=true --add-modules=ALL-DEFAULT "${EXPORTS[@]}")
{ printf '%s\n' "${BUILDER_JVM[@]}"; cat "$OUT/java.args";
  printf '%s\n' --upgrade-module-path "$UPG" --module-path "$MP" \
    -m org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner; } > "$OUT/jvm.argfile"
mapfile -t BUILDER_ARGS < "$OUT/builder.args"
echo "builder: $JDK/bin/java @$OUT/jvm.argfile \$(cat $OUT/builder.args)"
cd "$OUT"
set +e
"$JDK/bin/java" @"$OUT/jvm.argfile" "${BUILDER_ARGS[@]}" 2>&1 | tee "$OUT/build.log"
status=${PIPESTATUS[0]}
set -e
echo "builder exit status $status (log: $OUT/build.log)"
if grep -q '^\[3/8\]' "$OUT/build.log"; then
  echo "ANALYSIS PASSED"
  exit 0
fi
echo "ANALYSIS FAILED"
exit 1
