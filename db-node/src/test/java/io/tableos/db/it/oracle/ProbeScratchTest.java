package io.tableos.db.it.oracle;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

class ProbeScratchTest {
    static final String[] SQL = System.getProperty("probe.sql", "").split(";;");

    @OnBothDatabases
    void probe(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String q : SQL) {
                if (q.isBlank()) continue;
                try {
                    boolean rs = s.execute(q);
                    String out = "ok";
                    if (rs) out = Rows.of(s, q).toString();
                    System.out.println("PROBE " + db + " | " + q.replace('\n', ' ') + " => " + out);
                } catch (SQLException e) {
                    System.out.println("PROBE " + db + " | " + q.replace('\n', ' ') + " => " + e.getSQLState() + " " + e.getMessage().replace('\n', ' '));
                }
            }
        }
    }
}
