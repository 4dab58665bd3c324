package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Key words as names, compared with PostgreSQL 15: pg_get_keywords() lists PostgreSQL's key
 * words (clients read it to decide what to quote), and every non-reserved one (categories U and
 * C) names a column in CREATE TABLE, INSERT, SELECT, WHERE, ORDER BY, UPDATE and qualified
 * references, as do words JSqlParser reserves but PostgreSQL does not ({@code output},
 * {@code active}, {@code raw}, ...). The word list is read from the database under test, so on
 * PostgreSQL the test also checks that our expectations hold there.
 */
class KeywordIdentifiersTest {
    /** Not PostgreSQL key words, but reserved by JSqlParser (or by word lists of ours). */
    private static final List<String> OTHER_WORDS = List.of(
            "output", "active", "raw", "absent", "errors", "extend", "file", "final", "minus", "pivot", "qualify",
            "sample", "semi", "settings", "unpivot", "use", "verify", "xor", "prewhere", "script", "includes");

    @OnBothDatabases
    void pgGetKeywordsListsPostgresKeyWords(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertEquals(List.of("C|51|48", "R|77|55", "T|23|20", "U|309|298"), Rows.of(s,
                    "SELECT catcode, count(*), count(*) FILTER (WHERE barelabel) FROM pg_catalog.pg_get_keywords() GROUP BY catcode ORDER BY catcode"));
            assertEquals(List.of("between|C|unreserved (cannot be function or type name)|can be bare label",
                            "select|R|reserved|can be bare label"),
                    Rows.of(s, "SELECT word, catcode, catdesc, baredesc FROM pg_get_keywords() WHERE word IN ('select', 'between') ORDER BY word"));
        }
    }

    @OnBothDatabases
    void everyNonReservedKeyWordNamesAColumn(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            List<String> words = new ArrayList<>(Rows.of(s, "SELECT word FROM pg_get_keywords() WHERE catcode IN ('U', 'C') ORDER BY word"));
            assertEquals(360, words.size());
            words.addAll(OTHER_WORDS);
            s.execute("DROP TABLE IF EXISTS keyword_columns");
            StringBuilder create = new StringBuilder("CREATE TABLE keyword_columns (id int PRIMARY KEY");
            StringBuilder insert = new StringBuilder("INSERT INTO keyword_columns (id");
            StringBuilder values = new StringBuilder(") VALUES (1");
            for (int i = 0; i < words.size(); i++) {
                create.append(", ").append(words.get(i)).append(" text");
                insert.append(", ").append(words.get(i));
                values.append(", 'v").append(i).append('\'');
            }
            s.execute(create.append(')').toString());
            s.execute(insert.append(values).append(')').toString());
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                assertEquals(List.of("v" + i), Rows.of(s, "SELECT " + w + " FROM keyword_columns WHERE " + w + " = 'v" + i + "' ORDER BY " + w), w);
                assertEquals(1, s.executeUpdate("UPDATE keyword_columns SET " + w + " = 'u" + i + "' WHERE id = 1"), w);
                assertEquals(List.of("1|u" + i), Rows.of(s, "SELECT id, k." + w + " FROM keyword_columns k WHERE k." + w + " IS NOT NULL"), w);
            }
            s.execute("DROP TABLE keyword_columns");
        }
    }
}
