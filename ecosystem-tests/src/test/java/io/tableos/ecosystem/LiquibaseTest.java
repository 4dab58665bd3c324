package io.tableos.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import io.tableos.db.it.oracle.Rows;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Liquibase 4 applies an XML changelog (sequence, auto-increment keys, a named foreign key, an
 * index dropped and recreated unique, added and renamed columns, a named unique constraint, a
 * default, a view, seed inserts) and records it, so that a second update changes nothing.
 */
class LiquibaseTest {
    private static final String SCHEMA = "eco_liquibase";

    @OnBothDatabases
    @SuppressWarnings("deprecation") // Liquibase's facade class is what most applications still call
    void appliesAChangelogOnceAndRecordsIt(Database db) throws Exception {
        Schemas.recreate(db, SCHEMA);
        try (Connection c = db.connect("currentSchema=" + SCHEMA)) {
            Liquibase liquibase = new Liquibase("db/liquibase/changelog.xml", new ClassLoaderResourceAccessor(), new JdbcConnection(c));
            liquibase.update("");
            liquibase.update("");
            assertEquals(0, liquibase.listUnrunChangeSets(null, null).size());
        }
        try (Connection c = db.connect("currentSchema=" + SCHEMA); Statement s = c.createStatement()) {
            assertEquals(List.of("6"), Rows.of(s, "SELECT count(*) FROM databasechangelog"));
            assertEquals(List.of("Le Guin|2", "Lem|1"), Rows.of(s, "SELECT name, books FROM author_books ORDER BY name"));
            assertEquals(List.of("Solaris|12.50|505", "The Dispossessed|9.99|500", "The Lathe of Heaven|9.99|510"),
                    Rows.of(s, "SELECT title, price, code FROM book ORDER BY title"));
            assertEquals(List.of("1921"), Rows.of(s, "SELECT born_year FROM author WHERE name = 'Lem'"));
            assertEquals("23505", FlywayTest.stateOf(s, "INSERT INTO author (name) VALUES ('Lem')"));
            assertEquals("23505", FlywayTest.stateOf(s, "INSERT INTO book (author_id, title) SELECT id, 'Solaris' FROM author WHERE name = 'Lem'"));
            assertEquals("23503", FlywayTest.stateOf(s, "INSERT INTO book (author_id, title) VALUES (777, 'Nobody')"));
            assertEquals(List.of("book_author_fk|f", "book_pkey|p"),
                    Rows.of(s, "SELECT conname, contype FROM pg_constraint WHERE conrelid = 'book'::regclass ORDER BY conname"));
        }
    }
}
