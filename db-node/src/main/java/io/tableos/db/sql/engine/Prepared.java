package io.tableos.db.sql.engine;

import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.plan.PlannedStatement;
import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import java.util.List;

/**
 * A parsed and planned statement. Immutable, so the plan cache shares it between sessions.
 * Exactly one of {@code planned} and {@code utility} is set, or neither for an empty
 * statement. {@code catalogVersion} is the catalog it was planned against: executing it
 * after DDL re-plans it from its text.
 */
final class Prepared implements PreparedStatement {
    private final String text;
    private final int[] declaredOids;
    private final List<DataType> parameterTypes;
    private final List<ResultColumn> columns;
    final long catalogVersion;
    final PlannedStatement planned;
    final UtilityStatement utility;

    Prepared(String text, int[] declaredOids, List<DataType> parameterTypes, List<ResultColumn> columns,
             long catalogVersion, PlannedStatement planned, UtilityStatement utility) {
        this.text = text;
        this.declaredOids = declaredOids == null ? new int[0] : declaredOids.clone();
        this.parameterTypes = List.copyOf(parameterTypes);
        this.columns = List.copyOf(columns);
        this.catalogVersion = catalogVersion;
        this.planned = planned;
        this.utility = utility;
    }

    static Prepared empty(String text) {
        return new Prepared(text, null, List.of(), List.of(), -1, null, null);
    }

    boolean isEmpty() { return planned == null && utility == null; }

    int[] declaredOids() { return declaredOids.clone(); }

    @Override public String text() { return text; }
    @Override public List<DataType> parameterTypes() { return parameterTypes; }
    @Override public List<ResultColumn> columns() { return columns; }

    @Override public String toString() { return text; }
}
