#!/usr/bin/env bash
# The builder reads C struct layouts from lib/svm/clibraries/include/*.h of a GraalVM distribution (not on Maven
# Central). Generates them from the svm jar's own @CStruct interfaces, so they match this builder version exactly.
set -euo pipefail
SVM_JAR=$1; INC=$2; JAVAP=$3
mkdir -p "$INC"
for arch in amd64:AMD64 aarch64:AArch64 riscv64:RISCV64; do
  lower=${arch%%:*}; upper=${arch##*:}
  { echo "typedef struct {"
    "$JAVAP" -p -cp "$SVM_JAR" "com.oracle.svm.core.$lower.${upper}LibCHelper\$CPUFeatures" | sed -n 's/.*abstract boolean \(f[A-Za-z0-9_]*\)();/  char \1;/p'
    echo "} CPUFeatures;"; } > "$INC/${lower}cpufeatures.h"
done
cat > "$INC/svm_locale.h" <<'H'
const int SVM_LOCALE_INITIALIZATION_USE_DEFAULT = 0;
const int SVM_LOCALE_INITIALIZATION_SUCCEEDED = 1;
const int SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY = 2;
typedef struct {
  char* format_language; char* format_script; char* format_country; char* format_variant;
  char* display_language; char* display_script; char* display_country; char* display_variant;
} svm_locale_props_t;
H
