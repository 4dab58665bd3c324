package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.plan.TypeCategories;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Expression;

/**
 * ALTER [COLUMN] c [SET DATA] TYPE t [USING expr]: the new definition, and the expression every
 * row's new value comes from (USING's, or the column itself), cast to t as an assignment is
 * (22001 for a value too long for a varchar, numeric rounded to its scale). Without USING the
 * conversion must be one PostgreSQL makes on assignment (its pg_cast contexts 'i' and 'a', plus
 * any type to a string type); others fail with 42804 and PostgreSQL's hint to write USING.
 * Storage rewrites the rows, keys and indexes on every replica from that expression, building
 * the new table beside the old one: a row that does not convert (22P02, 22001, 23502, a CHECK
 * constraint it now fails 23514, a duplicate key 23505) fails the statement and leaves the table
 * as it was. Because replicas
 * evaluate it themselves, the expression may read only the row: no clock, random numbers,
 * sequences, settings, subqueries or user-defined functions (0A000; {@link RetypeDependents}
 * also refuses a table whose CHECK constraints call one). Columns in a foreign key stay refused
 * (0A000), since the key's two sides must keep one encoding. As in PostgreSQL, a column a view
 * uses is refused (0A000) and the column's DEFAULT must cast to the new type on assignment (42804).
 */
final class ColumnTypeChange {
    private ColumnTypeChange() {}

    /**
     * The retyped definition, the conversion text (null when the rows keep their values: same
     * type, no USING) and the session TimeZone it is evaluated under ({@link ConversionSettings}).
     */
    record Change(TableDef def, String conversionSql, String timeZone) {}



    /**
     * Calls and key words whose value is not a function of the row alone, so replicas converting
     * the rows themselves would disagree (or need a session they do not have).
     */
    private static final Pattern ROW_DEPENDENT_ONLY_VIOLATION = Pattern.compile(
            "\\b(random|gen_random_uuid|uuid_generate_v4|clock_timestamp|now|statement_timestamp|transaction_timestamp|timeofday"
                    + "|nextval|currval|setval|lastval|current_setting|set_config|txid_current|pg_backend_pid|pg_current_xact_id)\\s*\\("
                    + "|\\b(current_timestamp|current_date|current_time|localtime|localtimestamp|current_user|session_user|current_schema)\\b"
                    + "|\\bselect\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^']|'')*'");

    /**
     * @param original the table as stored (the conversion reads its rows); {@code def}: as altered so far
     * @param using    USING's expression, or null
     */
    static Change change(DdlExecutor ddl, TableDef original, TableDef def, String column, DataType to, Expression using) {
        Catalog catalog = ddl.catalog();
        int ordinal = def.columnOrdinal(column);
        ColumnDef c = def.columns().get(ordinal);
        DataType from = c.type();
        if (using == null && from.equals(to)) return new Change(def, null, null);
        if (inForeignKey(catalog, def, ordinal)) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot change the type of column \"" + column
                    + "\": a foreign key uses it (drop the foreign key first)");
        }
        if (original.columnOrdinal(column) < 0) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot change the type of column \"" + column + "\" added by the same ALTER TABLE");
        }
        RetypeDependents.requireNoViewUses(catalog, def, column);
        requireCastableDefault(ddl, def, ordinal, to);
        RetypeDependents.requireChecksWithoutUserFunctions(catalog, def);
        String conversionSql;
        String timeZone;
        if (using == null) {
            if (!assignable(from, to)) {
                throw new DbException(SqlState.DATATYPE_MISMATCH, "column \"" + column + "\" cannot be cast automatically to type " + to.sqlName(),
                        null, "You might need to specify \"USING " + column + "::" + to.sqlName() + "\".", 0, null);
            }
            conversionSql = "\"" + column.replace("\"", "\"\"") + "\"";
            timeZone = ConversionSettings.timeZoneFor(ddl.session(), original, from, null, null, to);
        } else {
            conversionSql = using.toString();
            requireRowOnly(conversionSql);
            ConversionSettings.refuseClockLiterals(conversionSql);
            RetypeDependents.requireNoUserFunctionCalls(catalog, conversionSql);
            Expr compiled = IndexPredicateCompiler.compileValue(original, conversionSql);
            DataType result = compiled.type();
            if (result != null && result.type() != SqlType.UNKNOWN && !assignable(result, to)) {
                throw new DbException(SqlState.DATATYPE_MISMATCH, "result of USING clause for column \"" + column
                        + "\" cannot be cast automatically to type " + to.sqlName(), null, "You might need to add an explicit cast.", 0, null);
            }
            timeZone = ConversionSettings.timeZoneFor(ddl.session(), original, from, conversionSql, result, to);
        }
        List<ColumnDef> columns = new ArrayList<>(def.columns());
        columns.set(ordinal, new ColumnDef(c.name(), to, c.notNull(), c.defaultSql()));
        return new Change(AlterTableDdl.withColumns(def, columns), conversionSql, timeZone);
    }

    static boolean assignable(DataType from, DataType to) {
        return TypeCategories.assignable(from.type(), to.type());
    }

    /** PostgreSQL casts the column's DEFAULT to the new type at ALTER time; one it cannot cast on assignment fails the ALTER. */
    private static void requireCastableDefault(DdlExecutor ddl, TableDef def, int ordinal, DataType to) {
        ColumnDef c = def.columns().get(ordinal);
        if (c.defaultSql() == null) return;
        Expr compiled = io.tableos.db.sql.plan.DmlPlanner.compileDefault(ddl.planContext(), def, ordinal);
        // An untyped literal took the column's type when the default was declared, as in PostgreSQL.
        DataType type = compiled.type() == null || compiled.type().type() == SqlType.UNKNOWN ? c.type() : compiled.type();
        if (!assignable(type, to)) {
            throw new DbException(SqlState.DATATYPE_MISMATCH, "default for column \"" + c.name() + "\" cannot be cast automatically to type " + to.sqlName());
        }
    }

    private static void requireRowOnly(String expressionSql) {
        Matcher m = ROW_DEPENDENT_ONLY_VIOLATION.matcher(STRING_LITERAL.matcher(expressionSql).replaceAll("''"));
        if (m.find()) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "USING expressions that read anything but the row are not supported ("
                    + m.group().trim().toLowerCase(Locale.ROOT) + "): every replica converts the rows itself");
        }
    }

    private static boolean inForeignKey(Catalog catalog, TableDef def, int ordinal) {
        for (ForeignKeyDef fk : def.foreignKeys()) {
            if (fk.columns().contains(ordinal)) return true;
        }
        for (TableDef child : catalog.referencingTables(def.id())) {
            for (ForeignKeyDef fk : child.foreignKeys()) {
                if (fk.referencedTableId() == def.id() && fk.referencedColumns().contains(ordinal)) return true;
            }
        }
        return false;
    }
}
