package io.tableos.db.sql.exec.constraint;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.TextFormat;
import java.util.ArrayList;
import java.util.List;

/** Rows and keys as PostgreSQL prints them in error details: {@code (1, null)}, {@code Key (a, b)=(1, x)}. */
final class RowText {
    private RowText() {}

    static String row(TableDef table, Object[] row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            values.add(row[i] == null ? "null" : TextFormat.format(row[i], table.columns().get(i).type()));
        }
        return "(" + String.join(", ", values) + ")";
    }

    /** {@code Key (a, b)=(1, 2)} for the columns {@code ordinals} of {@code table} holding {@code values} (in that order). */
    static String key(TableDef table, List<Integer> ordinals, Object[] values) {
        List<String> names = new ArrayList<>(), texts = new ArrayList<>();
        for (int i = 0; i < ordinals.size(); i++) {
            names.add(table.columns().get(ordinals.get(i)).name());
            texts.add(values[i] == null ? "null" : TextFormat.format(values[i], table.columns().get(ordinals.get(i)).type()));
        }
        return "Key (" + String.join(", ", names) + ")=(" + String.join(", ", texts) + ")";
    }
}
