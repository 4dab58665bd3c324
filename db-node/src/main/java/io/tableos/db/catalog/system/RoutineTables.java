package io.tableos.db.catalog.system;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TriggerDef;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * pg_proc rows of the functions made with CREATE FUNCTION (beside the built-in ones) and
 * pg_trigger, read from the catalog's {@link io.tableos.db.catalog.RoutineCatalog}: enough for
 * psql's \df and \d (triggers), pgJDBC's getFunctions and migration tools that look a function
 * or trigger up before creating it. A function's and trigger's OID is its catalog id.
 */
public final class RoutineTables {
    private RoutineTables() {}

    /** pg_language OID of plpgsql (PostgreSQL assigns it at initdb; 13xxx in PostgreSQL 15). */
    static final long PLPGSQL_LANGUAGE_OID = 13_576;
    private static final long SQL_LANGUAGE_OID = 14;
    private static final long TRIGGER_TYPE_OID = 2279, VOID_TYPE_OID = 2278, RECORD_TYPE_OID = 2249;

    static void functions(Catalog catalog, TableShape shape, List<Object[]> out) {
        for (FunctionDef f : catalog.routines().functions()) {
            List<Object> argumentTypes = new ArrayList<>();
            int defaults = 0;
            for (FunctionDef.Parameter p : f.parameters()) {
                argumentTypes.add(typeOid(p.type()));
                if (p.defaultSql() != null) defaults++;
            }
            List<Object> allTypes = new ArrayList<>();
            List<Object> names = new ArrayList<>();
            List<Object> modes = new ArrayList<>();
            List<FunctionDef.Parameter> declared = new ArrayList<>(f.declaredParameters());
            if (!f.hasOutParameters()) declared.addAll(f.outColumns());  // RETURNS TABLE's columns follow the inputs
            for (FunctionDef.Parameter p : declared) {
                allTypes.add(typeOid(p.type()));
                names.add(p.name());
                modes.add(p.mode());
            }
            boolean table = !modes.stream().allMatch(FunctionDef.IN::equals);  // PostgreSQL leaves both null when every mode is IN
            out.add(shape.row()
                    .set("oid", f.id()).set("proname", f.name()).set("pronamespace", catalog.schemaOid(f.schema()))
                    .set("proowner", ObjectIds.SUPERUSER_OID).set("prolang", f.language().equals("sql") ? SQL_LANGUAGE_OID : PLPGSQL_LANGUAGE_OID)
                    .set("procost", 100.0f).set("prorows", f.returnsSet() ? 1000.0f : 0.0f)
                    .set("provariadic", f.isVariadic() ? variadicElementOid(f) : 0L).set("prosupport", "-")
                    .set("prokind", f.kind()).set("prosecdef", false).set("proleakproof", false).set("proisstrict", false)
                    .set("proretset", f.returnsSet()).set("provolatile", f.volatility()).set("proparallel", "u")
                    .set("pronargs", (short) f.parameters().size()).set("pronargdefaults", (short) defaults)
                    .set("prorettype", typeOid(f.returnType()))
                    .set("proargtypes", new SqlArray(SqlType.OID, argumentTypes.toArray()))
                    .set("proallargtypes", table ? new SqlArray(SqlType.OID, allTypes.toArray()) : null)
                    .set("proargmodes", table ? new SqlArray(SqlType.TEXT, modes.toArray()) : null)
                    .set("proargnames", names.stream().allMatch(n -> ((String) n).isEmpty()) ? null : new SqlArray(SqlType.TEXT, names.toArray()))
                    .set("prosrc", f.body())
                    .set("proconfig", f.settings().isEmpty() ? null : new SqlArray(SqlType.TEXT, f.settings().toArray()))
                    .build());
        }
    }

    static void triggers(Catalog catalog, TableShape shape, List<Object[]> out) {
        for (TriggerDef t : catalog.routines().triggers()) {
            TableDef table = catalog.table(t.tableId());
            List<Object> columns = new ArrayList<>();
            for (String c : t.updateColumns()) columns.add((short) (table == null ? 0 : table.columnOrdinal(c) + 1));
            out.add(shape.row()
                    .set("oid", t.id()).set("tgrelid", t.tableId()).set("tgparentid", 0L).set("tgname", t.name())
                    .set("tgfoid", t.functionId()).set("tgtype", tgtype(t)).set("tgenabled", "O").set("tgisinternal", false)
                    .set("tgconstrrelid", 0L).set("tgconstrindid", 0L).set("tgconstraint", 0L).set("tgdeferrable", false)
                    .set("tginitdeferred", false).set("tgnargs", (short) t.arguments().size())
                    .set("tgattr", new SqlArray(SqlType.INT2, columns.toArray()))
                    .set("tgargs", argumentBytes(t.arguments()))
                    .build());
        }
    }

    /** pg_get_function_result of a CREATE FUNCTION function: its result as psql's \\df shows it. */
    public static String functionResult(FunctionDef f) {
        if (f.isProcedure()) return null;
        if (!f.outColumns().isEmpty() && !f.hasOutParameters()) return "TABLE(" + parameters(f.outColumns(), false, false) + ")";
        String type = typeName(f.returnType());
        return f.returnsSet() ? "SETOF " + type : type;
    }

    /** pg_get_function_arguments: {@code [INOUT|OUT|VARIADIC] name type [DEFAULT expr]} per parameter, in declared order. */
    public static String functionArguments(FunctionDef f) {
        return parameters(f.declaredParameters(), true, f.isProcedure());
    }

    /** pg_proc.provariadic: the element type of a VARIADIC array parameter. */
    private static long variadicElementOid(FunctionDef f) {
        String type = FunctionDef.normalizeType(f.parameters().get(f.parameters().size() - 1).type());
        return typeOid(type.endsWith("[]") ? type.substring(0, type.length() - 2) : type);
    }

    /** pg_get_triggerdef: the trigger as a CREATE TRIGGER statement. */
    public static String triggerDefinition(Catalog catalog, TriggerDef t) {
        TableDef table = catalog.table(t.tableId());
        FunctionDef function = catalog.routines().function(t.functionId());
        List<String> events = new ArrayList<>();
        if (t.firesOn(TriggerDef.INSERT)) events.add("INSERT");
        if (t.firesOn(TriggerDef.DELETE)) events.add("DELETE");
        if (t.firesOn(TriggerDef.UPDATE)) events.add(t.updateColumns().isEmpty() ? "UPDATE" : "UPDATE OF " + String.join(", ", t.updateColumns()));
        StringBuilder out = new StringBuilder("CREATE TRIGGER ").append(t.name()).append(t.before() ? " BEFORE " : " AFTER ")
                .append(String.join(" OR ", events)).append(" ON ").append(table == null ? "?" : table.schema() + "." + table.name())
                .append(t.forEachRow() ? " FOR EACH ROW" : " FOR EACH STATEMENT");
        if (t.whenSql() != null) out.append(" WHEN (").append(t.whenSql()).append(')');
        out.append(" EXECUTE FUNCTION ").append(function == null ? "?" : function.schema().equals("public") ? function.name() : function.qualifiedName()).append('(');
        for (int i = 0; i < t.arguments().size(); i++) out.append(i > 0 ? ", " : "").append('\'').append(t.arguments().get(i).replace("'", "''")).append('\'');
        return out.append(')').toString();
    }

    /** {@code showIn}: name IN parameters' mode too, as PostgreSQL does for a procedure's. */
    private static String parameters(List<FunctionDef.Parameter> parameters, boolean defaults, boolean showIn) {
        StringBuilder out = new StringBuilder();
        for (FunctionDef.Parameter p : parameters) {
            if (out.length() > 0) out.append(", ");
            if (p.mode().equals(FunctionDef.OUT)) out.append("OUT ");
            if (p.mode().equals(FunctionDef.INOUT)) out.append("INOUT ");
            if (p.mode().equals(FunctionDef.VARIADIC)) out.append("VARIADIC ");
            if (showIn && p.mode().equals(FunctionDef.IN)) out.append("IN ");
            if (!p.name().isEmpty()) out.append(p.name()).append(' ');
            out.append(typeName(p.type()));
            if (defaults && p.defaultSql() != null) out.append(" DEFAULT ").append(p.defaultSql());
        }
        return out.toString();
    }

    /** A declared type as format_type prints it (integer, text[]), or as declared when it is not a known type. */
    private static String typeName(String declared) {
        long oid = typeOid(declared);
        String shown = oid == 0 ? null : PgTypes.displayName(oid);
        if (shown != null) return shown;
        String type = FunctionDef.normalizeType(declared);
        return type.startsWith("public.") ? type.substring("public.".length()) : type;  // a table's row type, visible on the default path
    }

    /** PostgreSQL's tgtype bits: 1 row, 2 before, 4 insert, 8 delete, 16 update. */
    private static short tgtype(TriggerDef t) {
        int type = (t.forEachRow() ? 1 : 0) | (t.before() ? 2 : 0);
        if (t.firesOn(TriggerDef.INSERT)) type |= 4;
        if (t.firesOn(TriggerDef.DELETE)) type |= 8;
        if (t.firesOn(TriggerDef.UPDATE)) type |= 16;
        return (short) type;
    }

    /** tgargs: each argument followed by a zero byte. */
    private static byte[] argumentBytes(List<String> arguments) {
        StringBuilder s = new StringBuilder();
        for (String a : arguments) s.append(a).append('\0');
        return s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The pg_type OID of a declared type name (modifiers dropped, arrays as _element), 0 when unknown. */
    public static long typeOid(String declared) {
        String name = FunctionDef.normalizeType(declared).replaceAll("\\(.*?\\)", "").trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "trigger": return TRIGGER_TYPE_OID;
            case "void": return VOID_TYPE_OID;
            case "record": return RECORD_TYPE_OID;
            default: break;
        }
        boolean array = name.endsWith("[]");
        String base = array ? name.substring(0, name.length() - 2) : name;
        base = switch (base) {
            case "character", "char" -> "bpchar";
            case "timestamp with time zone" -> "timestamptz";
            default -> base;
        };
        PgTypes.PgType type = PgTypes.byName(array ? "_" + base : base);
        return type == null ? 0 : type.oid();
    }
}
