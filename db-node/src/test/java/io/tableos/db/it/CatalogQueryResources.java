package io.tableos.db.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The test resources under catalog-queries/: captured client SQL and the schema it ran against. */
final class CatalogQueryResources {
    private CatalogQueryResources() {}

    static String read(String name) throws IOException {
        try (InputStream in = CatalogQueryResources.class.getResourceAsStream("/catalog-queries/" + name)) {
            if (in == null) throw new IOException("no test resource catalog-queries/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Runs reference-schema.sql (one statement per ';'-terminated line group) on the node. */
    static void createReferenceSchema(TestNode node) throws IOException, SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            for (String ddl : read("reference-schema.sql").split(";\\s*\n")) if (!ddl.isBlank()) s.execute(ddl);
        }
    }
}
