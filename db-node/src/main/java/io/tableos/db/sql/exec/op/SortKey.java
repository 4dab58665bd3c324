package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.func.Operators;

/** One ORDER BY term. PostgreSQL's default: NULLs last ascending, first descending. */
public record SortKey(Expr expr, boolean descending, boolean nullsFirst) {
    public static SortKey of(Expr expr, boolean descending, Boolean nullsFirst) {
        return new SortKey(expr, descending, nullsFirst == null ? descending : nullsFirst);
    }

    public int compare(Object a, Object b) {
        if (a == null || b == null) {
            if (a == b) return 0;
            return (a == null) == nullsFirst ? -1 : 1;
        }
        int c = Operators.compare(a, b);
        return descending ? -c : c;
    }

    @Override
    public String toString() {
        return expr + (descending ? " DESC" : "") + (nullsFirst != descending ? (nullsFirst ? " NULLS FIRST" : " NULLS LAST") : "");
    }
}
