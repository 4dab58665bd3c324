package io.tableos.db.sql.exec.dml;

import io.tableos.db.sql.exec.ExecContext;

/** An INSERT, UPDATE or DELETE ready to run. */
public interface DmlExecutor {
    DmlResult execute(ExecContext ctx);

    /** The command tag verb: INSERT, UPDATE, DELETE. */
    String verb();

    String describe();
}
