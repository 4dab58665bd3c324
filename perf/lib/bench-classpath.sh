# Builds what a suite driving its own Java benchmark needs and sets $bench_cp (source this file
# from the repository root): the node jar (with os-services.jar beside it), the launcher and the
# benchmark classes are packaged; db-node's dependencies (test scope included: it has pgJDBC)
# serve the benchmark, the reactor's own modules come from their class directories.
#   build_bench_classpath NAME   (NAME names the classpath file under db-node/target)
build_bench_classpath() {
  mvn -q -B -o -pl db-node,os-services,cluster-launcher,perf -am -DskipTests -Dmaven.test.skip.exec package >&2
  mvn -q -B -o -pl db-node dependency:build-classpath -Dmdep.outputFile="target/$1-bench-classpath.txt" >&2
  bench_cp="perf/target/classes:os-services/target/classes:db-node/target/classes:$(cat "db-node/target/$1-bench-classpath.txt")"
}
