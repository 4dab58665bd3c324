package io.tableos.db.sql.exec;

import io.tableos.db.sql.parse.StatementSplitter;
import io.tableos.db.sql.session.SqlSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchProbe {
    @TempDir
    Path dir;

    @Test
    void probe() throws Exception {
        try (EngineFixture fixture = new EngineFixture(dir); SqlSession s = fixture.session()) {
            io.tableos.db.sql.func.CatalogFunctionBindings.registerWithFunctionRegistry(fixture.pgObjects,
                    new io.tableos.db.sql.func.CatalogFunctionBindings.Environment(() -> false, java.time.OffsetDateTime.now(), oid -> 0L), ctx -> fixture.catalog);
            for (String st : StatementSplitter.split(Files.readString(Path.of("/tmp/scratch.sql")))) {
                System.out.println("SQL: " + st.replace('\n', ' '));
                for (String line : SqlScriptTest.execute(s, st)) System.out.println("  " + line);
                if (s.transactionStatus() == 'E') SqlScriptTest.execute(s, "ROLLBACK");
            }
        }
    }
}
