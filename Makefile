# TableOS entry points. `make run` boots a 3-VM cluster and prints how to connect; `make test`
# runs every test, the 3-VM cluster test under TCG included. Both install what they need first.
CLUSTER_DIR ?= .tableos/cluster
NODES ?= 3
MVN ?= mvn -B -q

.PHONY: run run-local psql connect-help build image test down status perf clean

# The main job: N node VMs under QEMU (KVM when it works, else TCG), then the JDBC URL.
run: image
	cluster-launcher/tableos-cluster up --nodes $(NODES) --dir $(CLUSTER_DIR)
	@$(MAKE) --no-print-directory connect-help

# The same cluster as local processes (no QEMU needed).
run-local: build
	cluster-launcher/tableos-cluster up --local --nodes $(NODES) --dir $(CLUSTER_DIR)
	@$(MAKE) --no-print-directory connect-help

# The JDBC URL as a libpq URI: libpq names pgJDBC's targetServerType=primary target_session_attrs=read-write.
LIBPQ_URL_SED = s/^JDBC_URL=jdbc://; s/targetServerType=primary/target_session_attrs=read-write/

psql:
	psql "$$(cluster-launcher/tableos-cluster url --dir $(CLUSTER_DIR) | sed '$(LIBPQ_URL_SED)')"

connect-help:
	@echo
	@echo "Connect with psql:  make psql   (or: psql \"\$$(cluster-launcher/tableos-cluster url --dir $(CLUSTER_DIR) | sed '$(LIBPQ_URL_SED)')\")"
	@echo "Cluster status:     make status      Stop it: make down"

build:
	scripts/setup.sh run
	$(MVN) -DskipTests package

# The VM image (kernel, initramfs, jlinked runtime with AppCDS) around the node just built.
image: build
	$(MAKE) -C unikernel-build image

test:
	scripts/setup.sh test
	$(MVN) -DskipTests package
	$(MAKE) -C unikernel-build image
	mvn -B verify -Dtableos.vm.it=true

down:
	cluster-launcher/tableos-cluster down --dir $(CLUSTER_DIR)

status:
	cluster-launcher/tableos-cluster status --dir $(CLUSTER_DIR)

perf: build
	perf/pgbench/compare.sh
	perf/queue/compare.sh

clean:
	$(MVN) clean
	$(MAKE) -C unikernel-build clean
