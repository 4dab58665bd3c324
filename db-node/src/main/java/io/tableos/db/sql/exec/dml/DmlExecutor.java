package io.tableos.db.sql.exec.dml;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.PlanText;
import java.util.List;

/** An INSERT, UPDATE or DELETE ready to run. */
public interface DmlExecutor {
    DmlResult execute(ExecContext ctx);

    /** The command tag verb: INSERT, UPDATE, DELETE. */
    String verb();

    /** EXPLAIN's first line: {@code Update on t}. */
    String headline();

    /** The plans that find the rows to change (or to insert). */
    List<PlanNode> sources();

    default String describe() {
        return PlanText.render(headline(), sources(), null);
    }
}
