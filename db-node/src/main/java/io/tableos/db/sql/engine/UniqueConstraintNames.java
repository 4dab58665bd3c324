package io.tableos.db.sql.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names written in {@code ALTER TABLE ... ADD [CONSTRAINT name] UNIQUE (...)} clauses, in
 * order (null for an unnamed one): JSqlParser's tree of such a clause has no name, and without
 * it a later {@code DROP CONSTRAINT name} would find nothing. One entry per ADD ... UNIQUE
 * clause, so the n-th UNIQUE clause of the tree takes the n-th entry.
 */
final class UniqueConstraintNames {
    private UniqueConstraintNames() {}

    private static final Pattern ADD_UNIQUE = Pattern.compile(
            "\\bADD\\s+(?:CONSTRAINT\\s+(\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)\\s+)?UNIQUE\\b", Pattern.CASE_INSENSITIVE);

    static List<String> in(String text) {
        List<String> names = new ArrayList<>();
        if (text == null) return names;
        Matcher m = ADD_UNIQUE.matcher(text);
        while (m.find()) names.add(m.group(1));
        return names;
    }
}
