package io.tableos.db.sql.func;

import io.tableos.db.types.DbException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a textual SQL name ({@code public."My Table"}) into its parts with SQL's case rules. */
final class SqlNames {
    /** PostgreSQL's invalid_name SQLSTATE (not among SqlState's constants). */
    private static final String INVALID_NAME = "42602";
    /** database.schema.relation at most. */
    private static final int NAME_PARTS_MAX = 3;

    private SqlNames() {}

    /** Unquoted parts are lower-cased, quoted parts kept with "" unescaped. */
    static List<String> split(String name) {
        List<String> parts = new ArrayList<>(NAME_PARTS_MAX);
        int i = 0;
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < name.length() && name.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= name.length()) throw invalid(name);
                    char c = name.charAt(i++);
                    if (c == '"') {
                        if (i < name.length() && name.charAt(i) == '"') { part.append('"'); i++; } else break;
                    } else {
                        part.append(c);
                    }
                }
            } else {
                int start = i;
                while (i < name.length() && name.charAt(i) != '.') i++;
                part.append(name.substring(start, i).trim().toLowerCase(Locale.ROOT));
            }
            if (part.length() == 0) throw invalid(name);
            parts.add(part.toString());
            if (i >= name.length()) break;
            if (name.charAt(i) != '.' || parts.size() == NAME_PARTS_MAX) throw invalid(name);
            i++;
        }
        return parts;
    }

    private static DbException invalid(String name) {
        return new DbException(INVALID_NAME, "invalid name syntax: " + name);
    }
}
