package io.tableos.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import io.tableos.db.it.oracle.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway 13 migrates a realistic schema (sequence, tables with foreign keys and checks, ALTERs,
 * a view, seed data) and leaves nothing of a failing migration behind: PostgreSQL runs each
 * migration in a transaction, DDL included, and Flyway relies on that.
 */
class FlywayTest {

    @OnBothDatabases
    void migratesARealisticSchemaAndSeedData(Database db) throws SQLException {
        Schemas.recreate(db, "eco_flyway");
        Flyway flyway = flyway(db, "eco_flyway", "classpath:db/flyway/ok");

        MigrateResult result = flyway.migrate();

        assertEquals(4, result.migrationsExecuted);
        assertEquals("4", flyway.info().current().getVersion().getVersion());
        assertEquals(0, flyway.migrate().migrationsExecuted, "a second run finds nothing pending");
        flyway.validate();
        try (Connection c = db.connect("currentSchema=eco_flyway"); Statement s = c.createStatement()) {
            assertEquals(List.of("customer", "customer_totals", "flyway_schema_history", "order_line", "purchase_order"),
                    Rows.of(s, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'eco_flyway' ORDER BY 1"),
                    "Flyway sets the search path to its schema: unqualified names land there");
            assertEquals(List.of("Ada|2|14.75", "Edsger|0|0", "Grace|1|99.99"),
                    Rows.of(s, "SELECT name, orders, total FROM customer_totals ORDER BY name"));
            assertEquals(List.of("1000", "1010", "1020"),
                    Rows.of(s, "SELECT invoice_number FROM purchase_order ORDER BY invoice_number"));
            assertEquals(List.of("BOOK-1|2"), Rows.of(s, "SELECT sku, qty FROM order_line"));
            assertEquals(List.of("DE"), Rows.of(s, "INSERT INTO customer (email, name) VALUES ('new@example.com', 'New') RETURNING country"));
            assertEquals("23503", stateOf(s, "INSERT INTO purchase_order (customer_id, total) VALUES (424242, 1)"));
            assertEquals("23514", stateOf(s, "INSERT INTO purchase_order (customer_id, total, status) "
                    + "SELECT id, 1, 'lost' FROM customer WHERE email = 'ada@example.com'"));
            s.execute("DELETE FROM purchase_order WHERE total = 10.50");
            assertEquals(List.of("0"), Rows.of(s, "SELECT count(*) FROM order_line"), "ON DELETE CASCADE");
        }
    }

    @OnBothDatabases
    void aFailingMigrationLeavesNothingBehind(Database db) throws SQLException {
        Schemas.recreate(db, "eco_flyway_failing");
        Flyway flyway = flyway(db, "eco_flyway_failing", "classpath:db/flyway/failing");

        assertThrows(FlywayException.class, flyway::migrate);

        List<String> applied = new ArrayList<>();
        for (MigrationInfo m : flyway.info().applied()) applied.add(m.getVersion().getVersion() + " " + m.getState());
        assertEquals(List.of("1 SUCCESS"), applied);
        try (Connection c = db.connect("currentSchema=eco_flyway_failing"); Statement s = c.createStatement()) {
            assertEquals(List.of("flyway_schema_history", "ledger"), Rows.of(s, "SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'eco_flyway_failing' ORDER BY 1"), "ledger_audit of the failed migration is gone");
            assertEquals(List.of("0"), Rows.of(s, "SELECT count(*) FROM information_schema.columns "
                    + "WHERE table_schema = 'eco_flyway_failing' AND table_name = 'ledger' AND column_name = 'booked_at'"));
            assertEquals(List.of("1|5"), Rows.of(s, "SELECT id, amount FROM ledger"));
        }
    }

    private static Flyway flyway(Database db, String schema, String location) {
        return Flyway.configure()
                .dataSource(Schemas.dataSource(db, schema))
                .schemas(schema)
                .locations(location)
                .load();
    }

    static String stateOf(Statement s, String sql) {
        return assertThrows(SQLException.class, () -> s.execute(sql), sql).getSQLState();
    }
}
