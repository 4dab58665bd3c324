package io.tableos.db.it.oracle;

import io.tableos.db.it.TestNode;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The extension behind {@link OnBothDatabases}. One PostgreSQL server and one TableOS node serve
 * every differential test of the JVM: both are started on first use and closed when JUnit
 * closes its root store (the end of the run). Tests share them, so each test creates the tables
 * it needs under names of its own and drops them first ({@code DROP TABLE IF EXISTS}).
 */
public final class BothDatabases implements TestTemplateInvocationContextProvider {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BothDatabases.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return Stream.of(
                invocation(() -> new Database("postgresql", store.getOrComputeIfAbsent(PostgresResource.class,
                        k -> new PostgresResource(), PostgresResource.class).server.jdbcUrl())),
                invocation(() -> new Database("tableos", store.getOrComputeIfAbsent(NodeResource.class,
                        k -> new NodeResource(), NodeResource.class).node.jdbcUrl())));
    }

    private interface DatabaseSupplier {
        Database get();
    }

    private static TestTemplateInvocationContext invocation(DatabaseSupplier supplier) {
        return new TestTemplateInvocationContext() {
            private Database database;

            private Database database() {
                if (database == null) database = supplier.get();
                return database;
            }

            @Override
            public String getDisplayName(int invocationIndex) {
                return invocationIndex == 1 ? "postgresql" : "tableos";
            }

            @Override
            public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
                return List.of(new ParameterResolver() {
                    @Override
                    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
                        return p.getParameter().getType() == Database.class;
                    }

                    @Override
                    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
                        return database();
                    }
                });
            }
        };
    }

    /** PostgreSQL for the whole run; closed by JUnit with the root store. */
    static final class PostgresResource implements ExtensionContext.Store.CloseableResource {
        final PostgresServer server;

        PostgresResource() {
            try {
                server = PostgresServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the PostgreSQL oracle: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** A TableOS node (its own JVM) for the whole run. */
    static final class NodeResource implements ExtensionContext.Store.CloseableResource {
        final TestNode node;

        NodeResource() {
            try {
                // 2 GB: LargeValuesTest passes 64 MiB values, which the node copies a few times on the heap.
                node = new TestNode(Files.createTempDirectory("tableos-oracle-node")).withHeap("2g");
                node.start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start a TableOS node: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            node.close();
        }
    }
}
