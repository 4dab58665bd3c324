package io.tableos.db.sql.exec;

import java.util.List;

/** The Java body of a built-in procedure; runs whole on the commit path (see {@link ProcedureRegistry}). */
@FunctionalInterface
public interface ProcedureBody {
    /** Returns the result rows, each with one value per declared result column. */
    List<Object[]> run(ProcedureContext ctx, Object[] args);
}
