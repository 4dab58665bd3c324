package io.tableos.db.sql.func;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlRow;
import io.tableos.db.types.SqlState;

/**
 * Ordering of whole row values, as PostgreSQL's record_eq and record_cmp order them: field by field
 * until one differs, two nulls equal and a null after every value, so the answer is never unknown.
 * Fields compared must have the same type (42804 otherwise, checked before their values, nulls
 * included), and rows that agree on every field the shorter has must have the same width (42804).
 */
final class RecordComparison {
    private RecordComparison() {}

    static int compare(SqlRow x, SqlRow y) {
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            DataType p = x.types().get(i), q = y.types().get(i);
            if (p.oid() != q.oid()) {
                throw new DbException(SqlState.DATATYPE_MISMATCH, "cannot compare dissimilar column types " + p.sqlName() + " and "
                        + q.sqlName() + " at record column " + (i + 1));
            }
            Object a = x.values()[i], b = y.values()[i];
            if (a == null || b == null) {
                if (a == null && b == null) continue;
                return a == null ? 1 : -1;
            }
            int c = Operators.compare(a, b);
            if (c != 0) return c;
        }
        if (x.size() != y.size()) throw new DbException(SqlState.DATATYPE_MISMATCH, "cannot compare record types with different numbers of columns");
        return 0;
    }
}
