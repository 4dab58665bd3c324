#!/bin/sh
# build-runtime.sh <stage-dir>: fills <stage-dir>/opt with what the JVM needs in the guest:
#   opt/java/             jlinked runtime (JAVA_MODULES) with its base CDS archive
#   opt/tableos/node.jar  NODE_JAR;  opt/tableos/lib/*.jar  the jars of NODE_LIB (if set)
#   opt/tableos/jvm.options  default JVM flags (init puts them first)
#   opt/tableos/main.args    class path + NODE_MAIN (init puts them last)
#   opt/tableos/app.jsa      dynamic CDS archive of the application's classes (cds-train.sh)
# Class-path entries are relative (opt/tableos/...) and init runs java from "/", so the paths
# recorded in app.jsa at training time (run from <stage-dir>) match the guest's exactly.
# Environment: JDK JAVA_MODULES JLINK_COMPRESS NODE_JAR NODE_LIB NODE_MAIN NODE_JVM_FLAGS.
set -eu
stage="$1"
: "${JDK:?}" "${JAVA_MODULES:?}" "${NODE_JAR:?}" "${NODE_MAIN:?}"
JLINK_COMPRESS="${JLINK_COMPRESS:-2}"
NODE_LIB="${NODE_LIB:-}"
NODE_JVM_FLAGS="${NODE_JVM_FLAGS:-}"

[ -f "$NODE_JAR" ] || { echo "build-runtime: NODE_JAR $NODE_JAR does not exist" >&2; exit 1; }
rm -rf "$stage"
mkdir -p "$stage/opt/tableos/lib"

echo "build-runtime: jlink $JAVA_MODULES"
"$JDK/bin/jlink" --add-modules "$JAVA_MODULES" --output "$stage/opt/java" \
    --strip-debug --no-header-files --no-man-pages --compress="$JLINK_COMPRESS" \
    --generate-cds-archive
# The guest never compiles, signs or debugs: drop the tools jlink copies with java.base/jdk.* modules.
find "$stage/opt/java/bin" -type f ! -name java -delete
# Only used with heaps over 32 GB (no compressed oops); without it such a JVM just skips CDS.
rm -f "$stage/opt/java/lib/server/classes_nocoops.jsa"

cp "$NODE_JAR" "$stage/opt/tableos/node.jar"
classpath="opt/tableos/node.jar"
if [ -n "$NODE_LIB" ]; then
    for jar in $(ls "$NODE_LIB"/*.jar | LC_ALL=C sort); do
        cp "$jar" "$stage/opt/tableos/lib/"
        classpath="$classpath:opt/tableos/lib/$(basename "$jar")"
    done
fi

{
    for flag in $NODE_JVM_FLAGS; do echo "$flag"; done
} > "$stage/opt/tableos/jvm.options"
printf -- '-cp\n%s\n%s\n' "$classpath" "$NODE_MAIN" > "$stage/opt/tableos/main.args"
echo "build-runtime: runtime $(du -sh "$stage/opt/java" | cut -f1), app $(du -sh "$stage/opt/tableos" | cut -f1)"
