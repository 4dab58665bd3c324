package io.tableos.db.sql.parse;

import io.tableos.db.catalog.FunctionDef;
import java.util.List;

/**
 * The statements that define server-side code, as {@link RoutineDdlParser} reads them. Names are
 * folded as PostgreSQL folds them; a null schema means "unqualified" (resolved by the engine).
 */
public sealed interface RoutineStatement extends UtilityStatement.Routine {

    /** A function named in DROP/ALTER FUNCTION or EXECUTE FUNCTION; {@code argumentTypes} null when no list was given. */
    record FunctionName(String schema, String name, List<String> argumentTypes) {}

    record CreateFunction(boolean orReplace, String schema, String name, List<FunctionDef.Parameter> parameters, String returnType,
                          boolean returnsSet, List<FunctionDef.Parameter> outColumns, String language, String body, String volatility,
                          List<String> settings, String kind, String argumentModes) implements RoutineStatement {}

    /** {@code objectKind}: FUNCTION, PROCEDURE or ROUTINE, as the statement named it (its command tag and messages say so). */
    record DropFunction(boolean ifExists, List<FunctionName> functions, String objectKind) implements RoutineStatement {}

    /**
     * ALTER FUNCTION ... SET name = value ({@code value} null for RESET name; name "all" with RESET ALL); {@code setting} null
     * when the statement gave only options without effect here (SECURITY DEFINER, PARALLEL SAFE).
     */
    record AlterFunction(FunctionName function, String setting, String value, String objectKind) implements RoutineStatement {}

    record Do(String language, String body) implements RoutineStatement {}

    record CreateTrigger(boolean orReplace, String name, boolean before, int events, List<String> updateColumns, String tableSchema,
                         String table, boolean forEachRow, String whenSql, FunctionName function, List<String> arguments)
            implements RoutineStatement {}

    record DropTrigger(boolean ifExists, String name, String tableSchema, String table) implements RoutineStatement {}
}
