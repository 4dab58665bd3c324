package io.tableos.db.sql.plpgsql;

import java.util.List;

/**
 * SQL text from a body with its variable references replaced by $1..$n: parameter k+1 is the
 * value of {@code refs.get(k)}, a variable's slot (a record variable's whole row, passed as one
 * record value), or a field of the record in that slot. A record's field list ({@code new.*},
 * field {@link #ALL_FIELDS}) is known only when the piece runs: each place it was written is a
 * {@link Splice}, where the parameter stands for the first field and the others are appended.
 *
 * @param source the text as written (for error messages)
 */
record Fragment(String sql, List<Ref> refs, String source, List<Splice> splices) {
    /** The field of a {@link Ref} that stands for all of a record's fields, in order ({@code rec.*}). */
    static final String ALL_FIELDS = "*";

    /** A variable (slot) or one field of a record variable ({@code field} not null). */
    record Ref(int slot, String field) {}

    /** At {@code sql} offset {@code at}, the text {@code $(ref + 1)} of a record's field list, to widen when the piece runs. */
    record Splice(int at, int ref) {}

    Fragment {
        refs = List.copyOf(refs);
        splices = List.copyOf(splices);
    }

    Fragment(String sql, List<Ref> refs, String source) {
        this(sql, refs, source, List.of());
    }
}
