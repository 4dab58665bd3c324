package io.tableos.db.catalog;

import java.util.List;

/**
 * A trigger created with CREATE TRIGGER: which writes to {@code tableId} fire
 * {@code functionId}, when, and how often. Triggers fire only where the SQL runs (the leader,
 * inside the writing transaction); replicas apply the writes they made and never fire them.
 *
 * @param before         BEFORE (true) or AFTER
 * @param events         a mask of {@link #INSERT}, {@link #DELETE}, {@link #UPDATE}
 * @param updateColumns  UPDATE OF's columns (empty: any update)
 * @param whenSql        WHEN's condition as SQL over NEW and OLD, or null
 * @param arguments      the literal arguments after the function name (TG_ARGV)
 */
public record TriggerDef(long id, String name, long tableId, boolean before, int events, List<String> updateColumns,
                         boolean forEachRow, String whenSql, long functionId, List<String> arguments) {
    public static final int INSERT = 1, DELETE = 2, UPDATE = 4;

    public TriggerDef {
        updateColumns = List.copyOf(updateColumns);
        arguments = List.copyOf(arguments);
    }

    public boolean firesOn(int event) {
        return (events & event) != 0;
    }
}
