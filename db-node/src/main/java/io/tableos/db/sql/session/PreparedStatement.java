package io.tableos.db.sql.session;

import io.tableos.db.types.DataType;
import java.util.List;

/** A parsed and planned statement; immutable and reusable across executions. */
public interface PreparedStatement {
    String text();

    /** The type of each parameter $1..$n. */
    List<DataType> parameterTypes();

    /** The result columns, or an empty list when the statement returns no rows. */
    List<ResultColumn> columns();
}
