package io.tableos.db.catalog.system;

import io.tableos.db.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The columns a CHECK expression mentions (pg_constraint.conkey), found by name in its text; string literals are skipped. */
final class CheckColumns {
    private CheckColumns() {}

    private static final Pattern IDENTIFIER = Pattern.compile("'(?:[^']|'')*'|\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_$]*)");

    static List<Integer> ordinals(TableDef table, String expressionSql) {
        List<Integer> out = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(expressionSql);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1).replace("\"\"", "\"") : m.group(2) != null ? m.group(2).toLowerCase(Locale.ROOT) : null;
            int ordinal = name == null ? -1 : table.columnOrdinal(name);
            if (ordinal >= 0 && !out.contains(ordinal)) out.add(ordinal);
        }
        out.sort(null);
        return out;
    }
}
