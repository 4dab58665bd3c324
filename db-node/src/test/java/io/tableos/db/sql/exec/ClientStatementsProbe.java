package io.tableos.db.sql.exec;

import io.tableos.db.sql.parse.StatementSplitter;
import io.tableos.db.sql.session.SqlSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientStatementsProbe {
    @TempDir
    Path dir;

    @Test
    void probe() throws Exception {
        String text = Files.readString(Path.of("/work/shared/reference/pg-client-statements.sql"));
        List<String> statements = new java.util.ArrayList<>();
        for (String section : text.split("(?m)^-- ==== #")) {
            String body = section.contains("\n") ? section.substring(section.indexOf('\n') + 1) : "";
            statements.addAll(StatementSplitter.split(body));
        }
        int ok = 0, failed = 0;
        try (EngineFixture fixture = new EngineFixture(dir); SqlSession s = fixture.session()) {
            SqlScriptTest.execute(s, "CREATE TABLE accounts (aid int PRIMARY KEY, bid int, abalance int, filler char(84))");
            io.tableos.db.sql.func.CatalogFunctionBindings.registerWithFunctionRegistry(fixture.pgObjects,
                    new io.tableos.db.sql.func.CatalogFunctionBindings.Environment(() -> false, java.time.OffsetDateTime.now(), oid -> 0L), ctx -> fixture.catalog);
            for (String st : statements) {
                List<String> out = SqlScriptTest.execute(s, st);
                if (!out.isEmpty() && out.get(0).startsWith("ERROR")) {
                    failed++;
                    System.out.println("FAIL: " + st.replace('\n', ' ').substring(0, Math.min(150, st.length())) + "\n   -> " + out.get(0).substring(0, Math.min(200, out.get(0).length())));
                    if (s.transactionStatus() == 'E') SqlScriptTest.execute(s, "ROLLBACK");
                } else ok++;
            }
        }
        System.out.println("ok=" + ok + " failed=" + failed);
    }
}
