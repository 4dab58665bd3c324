package io.tableos.db.sql.plpgsql;

import java.util.List;

/**
 * SQL text from a body with its variable references replaced by $1..$n: parameter k+1 is the
 * value of {@code refs.get(k)}, a variable's slot, or a field of the record in that slot.
 *
 * @param source the text as written (for error messages)
 */
record Fragment(String sql, List<Ref> refs, String source) {
    /** A variable (slot) or one field of a record variable ({@code field} not null). */
    record Ref(int slot, String field) {}

    Fragment {
        refs = List.copyOf(refs);
    }
}
