package io.tableos.db.sql.exec.harness;

import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.parse.SqlFrontEnd;
import io.tableos.db.sql.plan.PlannedStatement;
import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import java.util.List;

/**
 * A prepared statement: immutable, shared through the plan cache. Holds either a plan
 * (query, DML, DDL) or a utility statement, and the catalog version it was planned at.
 */
final class Prepared implements PreparedStatement {
    private final String text;
    private final int[] declaredOids;
    private final List<DataType> parameterTypes;
    private final List<ResultColumn> columns;
    final long catalogVersion;
    /** Null for utility and empty statements. */
    final PlannedStatement planned;
    /** Non-null for utility statements. */
    final UtilityStatement utility;

    Prepared(String text, int[] declaredOids, List<DataType> parameterTypes, List<ResultColumn> columns, long catalogVersion,
             PlannedStatement planned, UtilityStatement utility) {
        this.text = text;
        this.declaredOids = declaredOids;
        this.parameterTypes = List.copyOf(parameterTypes);
        this.columns = List.copyOf(columns);
        this.catalogVersion = catalogVersion;
        this.planned = planned;
        this.utility = utility;
    }

    boolean isEmpty() { return planned == null && utility == null; }
    int[] declaredOids() { return declaredOids; }

    @Override public String text() { return text; }
    @Override public List<DataType> parameterTypes() { return parameterTypes; }
    @Override public List<ResultColumn> columns() { return columns; }
}
