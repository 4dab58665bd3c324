package io.tableos.db.catalog.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL 15's key words with their categories, as {@code pg_get_keywords()} lists them
 * (loaded once from {@code pg-keywords.txt}, generated from a real server). Clients read it to
 * decide what to quote: pgJDBC's getSQLKeywords, Hibernate's dialect, Liquibase at connect.
 */
public final class PgKeywords {
    /**
     * One key word.
     *
     * @param category U unreserved, C unreserved but no function or type name, T reserved but
     *                 may be a function or type name, R reserved
     * @param bareLabel whether it may follow a select expression as a label without AS
     */
    public record Keyword(String word, char category, boolean bareLabel) {
        public String categoryDescription() {
            return switch (category) {
                case 'U' -> "unreserved";
                case 'C' -> "unreserved (cannot be function or type name)";
                case 'T' -> "reserved (can be function or type name)";
                default -> "reserved";
            };
        }

        public String bareLabelDescription() {
            return bareLabel ? "can be bare label" : "requires AS";
        }
    }

    private static final List<Keyword> ALL = load();

    private PgKeywords() {}

    /** Every key word, in alphabetical order. */
    public static List<Keyword> all() {
        return ALL;
    }

    private static List<Keyword> load() {
        List<Keyword> keywords = new ArrayList<>();
        try (InputStream in = PgKeywords.class.getResourceAsStream("pg-keywords.txt")) {
            if (in == null) throw new IllegalStateException("pg-keywords.txt missing from the classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split(" ");
                keywords.add(new Keyword(parts[0], parts[1].charAt(0), parts[2].equals("t")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(keywords);
    }
}
