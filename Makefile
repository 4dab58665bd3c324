# TableOS entry points. `make run` starts a cluster and prints how to connect; `make test`
# runs every test. Both install what they need first (scripts/setup.sh).
CLUSTER_DIR ?= .tableos/cluster
NODES ?= 1
MVN ?= mvn -B -q

.PHONY: run build test down status perf clean

run: build
	cluster-launcher/tableos-cluster up --local --nodes $(NODES) --dir $(CLUSTER_DIR)
	@echo
	@echo "Connect with psql:  psql \"\$$(cluster-launcher/tableos-cluster url --dir $(CLUSTER_DIR) | sed 's/^JDBC_URL=jdbc://')\""
	@echo "Stop it with:       make down"

build:
	scripts/setup.sh run
	$(MVN) -DskipTests package

test:
	scripts/setup.sh test
	mvn -B verify

down:
	cluster-launcher/tableos-cluster down --dir $(CLUSTER_DIR)

status:
	cluster-launcher/tableos-cluster status --dir $(CLUSTER_DIR)

clean:
	$(MVN) clean

perf: build
	perf/pgbench/compare.sh
