# The classpath of the Java benchmark programs under perf/src (source this file, from the
# repository root): build_bench packages the node jar (with os-services.jar beside it), the
# launcher and the benchmark classes, then sets bench_cp: db-node's dependencies (test scope
# included: it has pgJDBC) and the reactor's own modules from their class directories.
build_bench() {
  mvn -q -B -o -pl db-node,os-services,cluster-launcher,perf -am -DskipTests -Dmaven.test.skip.exec package >&2
  mvn -q -B -o -pl db-node dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
  bench_cp="perf/target/classes:os-services/target/classes:db-node/target/classes:$(cat db-node/target/bench-classpath.txt)"
}
