package io.tableos.db.sql.func;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.catalog.system.PgObjects;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * The catalog functions by SQL name, with arity and result type, ready for a function
 * registry: {@code registerAll((name, builtin) -> registry.register(name, ...), objects, environment)}.
 * Names are lower-case and unqualified; callers strip a {@code pg_catalog.} prefix.
 * A strict builtin returns NULL without calling its body when any argument is NULL.
 */
public final class CatalogFunctionBindings {
    /** A function body over the session's catalog and the argument values (Java representation of SqlType). */
    @FunctionalInterface
    public interface Body {
        Object call(Catalog catalog, Object[] arguments);
    }

    /** A body that also reads the caller's search path: functions given relation names as text. */
    @FunctionalInterface
    public interface PathBody {
        Object call(Catalog catalog, SearchPath path, Object[] arguments);
    }

    public record Builtin(String name, DataType resultType, int minArguments, int maxArguments, boolean strict, PathBody body) {
        Builtin(String name, DataType resultType, int minArguments, int maxArguments, boolean strict, Body body) {
            this(name, resultType, minArguments, maxArguments, strict, (c, p, a) -> body.call(c, a));
        }

        /** Calls the body as a caller whose search path is just public. */
        public Object invoke(Catalog catalog, Object... arguments) {
            return invokeOnPath(catalog, SearchPath.PUBLIC, arguments);
        }

        /** Calls the body with PostgreSQL's strictness and arity rules. */
        public Object invokeOnPath(Catalog catalog, SearchPath path, Object... arguments) {
            if (arguments.length < minArguments || arguments.length > maxArguments) {
                throw new DbException(SqlState.UNDEFINED_FUNCTION, "function " + name + " with " + arguments.length
                        + " arguments does not exist");
            }
            if (strict) {
                for (Object argument : arguments) if (argument == null) return null;
            }
            return body.call(catalog, path, arguments);
        }
    }

    /**
     * What the functions need from the running node.
     *
     * @param inRecovery          pg_is_in_recovery: true on a follower
     * @param startTime           pg_postmaster_start_time
     * @param estimatedRows       relation OID → estimated row count, for the size functions
     */
    public record Environment(BooleanSupplier inRecovery, OffsetDateTime startTime, LongUnaryOperator estimatedRows) {}

    private CatalogFunctionBindings() {}

    public static void registerAll(BiConsumer<String, Builtin> registrar, PgObjects objects, Environment environment) {
        for (Builtin builtin : builtins(objects, environment)) registrar.accept(builtin.name(), builtin);
    }

    /**
     * Registers every builtin with {@link FunctionRegistry} (names it already has, such as
     * array_to_string and quote_ident, keep their definitions) and returns how many were added.
     * {@code catalogOf} gives the catalog a calling statement reads: FunctionContext has no
     * catalog yet, so the node passes its own ({@code ctx -> catalog}).
     */
    public static int registerWithFunctionRegistry(PgObjects objects, Environment environment,
                                                   Function<FunctionContext, Catalog> catalogOf) {
        int added = 0;
        for (Builtin builtin : builtins(objects, environment)) {
            boolean volatileResult = builtin.name().equals("pg_is_in_recovery");
            ScalarFunction function = new ScalarFunction() {
                @Override public DataType returnType() { return builtin.resultType(); }
                @Override public Object call(Object[] args, FunctionContext ctx) { return builtin.invokeOnPath(catalogOf.apply(ctx), ctx == null ? SearchPath.PUBLIC : ctx.searchPath(), args); }
                @Override public boolean volatileResult() { return volatileResult; }
            };
            if (FunctionRegistry.registerIfAbsent(builtin.name(), builtin.minArguments(), builtin.maxArguments(), function)) added++;
        }
        return added;
    }

    /** The fields of pg_identify_object(classid, objid, objsubid) as text[4]: type, schema, name, identity. */
    public static final String IDENTIFY_OBJECT_FIELDS = "pg_identify_object_fields";

    public static List<Builtin> builtins(PgObjects objects, Environment environment) {
        List<Builtin> all = new ArrayList<>();
        DataType text = DataType.TEXT;
        DataType name = DataType.of(SqlType.NAME);
        DataType bool = DataType.BOOL;
        DataType bigint = DataType.INT8;
        all.add(new Builtin("format_type", text, 2, 2, false,
                (c, a) -> CatalogFunctions.formatType(a[0] == null ? null : oid(a[0]), a[1] == null ? null : integer(a[1]))));
        all.add(strict("pg_get_userbyid", name, 1, 1, (c, a) -> CatalogFunctions.pgGetUserbyid(oid(a[0]))));
        all.add(strict("pg_table_is_visible", bool, 1, 1, (c, a) -> CatalogFunctions.pgTableIsVisible(objects.at(c), oid(a[0]))));
        all.add(strict("pg_type_is_visible", bool, 1, 1, (c, a) -> CatalogFunctions.pgTypeIsVisible(oid(a[0]))));
        all.add(strict("pg_function_is_visible", bool, 1, 1, (c, a) -> true));
        all.add(strict("pg_get_indexdef", text, 1, 3, (c, a) -> CatalogFunctions.pgGetIndexdef(objects.at(c), oid(a[0]),
                a.length > 1 ? integer(a[1]) : 0, a.length > 2 && bool(a[2]))));
        all.add(strict("pg_get_constraintdef", text, 1, 2, (c, a) -> CatalogFunctions.pgGetConstraintdef(objects.at(c), oid(a[0]), a.length > 1 && bool(a[1]))));
        all.add(strict("pg_get_expr", text, 2, 3, (c, a) -> CatalogFunctions.pgGetExpr((String) a[0])));
        all.add(strict("pg_encoding_to_char", name, 1, 1, (c, a) -> CatalogFunctions.pgEncodingToChar(integer(a[0]))));
        all.add(strict("obj_description", text, 1, 2, (c, a) -> null));
        all.add(strict("col_description", text, 2, 2, (c, a) -> null));
        all.add(strict("shobj_description", text, 2, 2, (c, a) -> null));
        // FROM pg_identify_object(...) reads these four fields (the planner's composite); not callable as pg_identify_object itself.
        all.add(strict(IDENTIFY_OBJECT_FIELDS, DataType.arrayOf(SqlType.TEXT), 3, 3,
                (c, a) -> CatalogFunctions.identifyObject(objects.at(c), oid(a[0]), oid(a[1]))));
        all.add(strict("pg_get_viewdef", text, 1, 2, (c, a) -> CatalogFunctions.pgGetViewdef(objects.at(c), oid(a[0]))));
        all.add(strict("pg_get_function_result", text, 1, 1, (c, a) -> CatalogFunctions.pgGetFunctionResult(c, oid(a[0]))));
        all.add(strict("pg_get_function_arguments", text, 1, 1, (c, a) -> CatalogFunctions.pgGetFunctionArguments(c, oid(a[0]))));
        all.add(strict("pg_get_function_identity_arguments", text, 1, 1, (c, a) -> CatalogFunctions.pgGetFunctionArguments(c, oid(a[0]))));
        all.add(strict("pg_get_function_sqlbody", text, 1, 1, (c, a) -> null));
        all.add(strict("pg_get_statisticsobjdef_columns", text, 1, 1, (c, a) -> null));
        all.add(strict("pg_tablespace_location", text, 1, 1, (c, a) -> ""));
        all.add(strict("pg_relation_is_publishable", bool, 1, 1, (c, a) -> CatalogFunctions.pgRelationIsPublishable(objects.at(c), oid(a[0]))));
        all.add(strict("pg_relation_size", bigint, 1, 2, (c, a) -> CatalogFunctions.pgRelationSize(objects.at(c), oid(a[0]), rows(environment, a[0]))));
        all.add(strict("pg_table_size", bigint, 1, 1, (c, a) -> CatalogFunctions.pgRelationSize(objects.at(c), oid(a[0]), rows(environment, a[0]))));
        all.add(strict("pg_total_relation_size", bigint, 1, 1, (c, a) -> CatalogFunctions.pgTotalRelationSize(objects.at(c), oid(a[0]), rows(environment, a[0]))));
        all.add(strict("pg_indexes_size", bigint, 1, 1, (c, a) -> CatalogFunctions.pgIndexesSize(objects.at(c), oid(a[0]), rows(environment, a[0]))));
        all.add(strict("pg_size_pretty", text, 1, 1, (c, a) -> CatalogFunctions.pgSizePretty(((Number) a[0]).longValue())));
        for (String privilege : new String[] {"has_table_privilege", "has_schema_privilege", "has_database_privilege",
                "has_sequence_privilege", "has_column_privilege", "has_function_privilege", "has_any_column_privilege"}) {
            all.add(strict(privilege, bool, 2, 4, (c, a) -> CatalogFunctions.hasPrivilege()));
        }
        all.add(strictOnPath("pg_get_serial_sequence", text, 2, 2,
                (c, p, a) -> CatalogFunctions.pgGetSerialSequence(objects.at(c), p, (String) a[0], (String) a[1])));
        // No table is partitioned, so a relation's only "ancestor" is itself; psql 15's \d asks for it (one row, as a scalar).
        all.add(strict("pg_partition_ancestors", DataType.of(SqlType.OID), 1, 1, (c, a) -> oid(a[0])));
        all.add(strict("pg_get_triggerdef", text, 1, 2, (c, a) -> CatalogFunctions.pgGetTriggerdef(c, oid(a[0]))));
        // regclass output: the planner calls it for oid::regclass::text and for regclass result columns.
        all.add(strict("regclassout", text, 1, 1, (c, a) -> CatalogFunctions.regclassName(objects.at(c), oid(a[0]))));
        all.add(strictOnPath("to_regclass", DataType.of(SqlType.REGCLASS), 1, 1, (c, p, a) -> CatalogFunctions.toRegclass(objects.at(c), p, (String) a[0])));
        all.add(strictOnPath("current_schemas", DataType.arrayOf(SqlType.NAME), 1, 1, (c, p, a) -> CatalogFunctions.currentSchemas(c, p, bool(a[0]))));
        all.add(new Builtin("array_to_string", text, 2, 3, false, (c, a) -> a[0] == null || a[1] == null ? null
                : CatalogFunctions.arrayToString((SqlArray) a[0], (String) a[1], a.length > 2 ? (String) a[2] : null)));
        all.add(strict("quote_ident", text, 1, 1, (c, a) -> CatalogFunctions.quoteIdent((String) a[0])));
        all.add(strict("pg_postmaster_start_time", DataType.TIMESTAMPTZ, 0, 0, (c, a) -> environment.startTime()));
        all.add(strict("pg_is_in_recovery", bool, 0, 0, (c, a) -> environment.inRecovery().getAsBoolean()));
        return all;
    }

    private static Builtin strict(String name, DataType resultType, int minArguments, int maxArguments, Body body) {
        return new Builtin(name, resultType, minArguments, maxArguments, true, body);
    }

    private static Builtin strictOnPath(String name, DataType resultType, int minArguments, int maxArguments, PathBody body) {
        return new Builtin(name, resultType, minArguments, maxArguments, true, body);
    }

    private static long rows(Environment environment, Object relationOid) {
        return environment.estimatedRows().applyAsLong(oid(relationOid));
    }

    /** An OID argument: a number of any width, or text (an untyped literal such as '16385'). */
    static long oid(Object value) {
        if (value instanceof Number number) return number.longValue();
        if (value instanceof String string) {
            try {
                return Long.parseLong(string.trim());
            } catch (NumberFormatException e) {
                throw new DbException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type oid: \"" + string + "\"");
            }
        }
        throw new DbException(SqlState.DATATYPE_MISMATCH, "expected an oid, got " + value.getClass().getSimpleName());
    }

    static int integer(Object value) {
        return (int) oid(value);
    }

    static boolean bool(Object value) {
        if (value instanceof Boolean b) return b;
        if (value instanceof String s) return s.equalsIgnoreCase("t") || s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("on");
        throw new DbException(SqlState.DATATYPE_MISMATCH, "expected a boolean, got " + value.getClass().getSimpleName());
    }
}
