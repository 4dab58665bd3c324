package io.tableos.db.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A server-side function created with CREATE FUNCTION (LANGUAGE sql or plpgsql). The catalog
 * keeps what the statement declared, as text the SQL layer re-reads: parameter and result type
 * names, default expressions, and the body (PostgreSQL's prosrc). The body is parsed by the SQL
 * layer, once per definition; the catalog never interprets it. Its identity is the name plus
 * the input parameters' types ({@link #signature}), so overloads are separate functions.
 *
 * @param returnType  the declared result type name ({@code void}, {@code trigger}, {@code record}
 *                    for RETURNS TABLE, ...), lower case
 * @param parameters  the input parameters, IN, INOUT and VARIADIC, in order: what a call passes (a CALL of a procedure
 *                    passes its OUT parameters too, {@link #declaredParameters})
 * @param outColumns  the result's columns: RETURNS TABLE's, or the OUT and INOUT parameters in order (empty otherwise)
 * @param volatility  {@code v}, {@code s} or {@code i} as in pg_proc.provolatile
 * @param settings    ALTER FUNCTION ... SET name = value, as {@code name=value}
 * @param kind        {@link #FUNCTION} or {@link #PROCEDURE}, as pg_proc.prokind
 * @param argumentModes the declared parameters' modes in declared order (pg_proc.proargmodes letters), which say how the
 *                    inputs and the OUT parameters interleave ({@link #declaredParameters}); "" for a definition written
 *                    before they were kept, read as the inputs first
 */
public record FunctionDef(long id, String schema, String name, String language, List<Parameter> parameters, String returnType,
                          boolean returnsSet, List<Parameter> outColumns, String body, String volatility, List<String> settings,
                          String kind, String argumentModes) {
    public static final String FUNCTION = "f", PROCEDURE = "p";

    /** pg_proc.proargmodes letters. */
    public static final String IN = "i", OUT = "o", INOUT = "b", VARIADIC = "v", TABLE = "t";

    /**
     * One declared parameter or RETURNS TABLE column: name ("" when unnamed), type name, default SQL or null, and its mode
     * ({@link #IN}, {@link #OUT}, {@link #INOUT} or {@link #TABLE}).
     */
    public record Parameter(String name, String type, String defaultSql, String mode) {
        public Parameter(String name, String type, String defaultSql) {
            this(name, type, defaultSql, IN);
        }

        public Parameter withMode(String newMode) {
            return new Parameter(name, type, defaultSql, newMode);
        }
    }

    public FunctionDef {
        parameters = List.copyOf(parameters);
        outColumns = List.copyOf(outColumns);
        settings = List.copyOf(settings);
        if (argumentModes == null) argumentModes = "";
    }

    /** The proargmodes letters of {@code parameters} in declared order: what {@link #argumentModes} holds. */
    public static String modesOf(List<Parameter> declared) {
        StringBuilder modes = new StringBuilder(declared.size());
        for (Parameter p : declared) modes.append(p.mode());
        return modes.toString();
    }

    /**
     * Every declared parameter, IN, OUT, INOUT and VARIADIC, in the order CREATE gave them (not RETURNS TABLE's columns):
     * the order of {@code $n} in a PL/pgSQL body, of pg_proc's argument arrays, and of a CALL's arguments.
     */
    public List<Parameter> declaredParameters() {
        List<Parameter> outputs = hasOutParameters() ? outColumns : List.of();
        List<Parameter> all = new ArrayList<>(parameters.size() + outputs.size());
        if (argumentModes.isEmpty()) {
            all.addAll(parameters);
            for (Parameter c : outputs) if (c.mode().equals(OUT)) all.add(c);
            return all;
        }
        int input = 0, output = 0;
        for (int i = 0; i < argumentModes.length(); i++) {
            String mode = String.valueOf(argumentModes.charAt(i));
            if (mode.equals(OUT)) {
                all.add(outputs.get(output++));
                continue;
            }
            all.add(parameters.get(input++));
            if (mode.equals(INOUT)) output++;
        }
        return all;
    }

    /** Whether the last input parameter is VARIADIC (an array a call may give element by element). */
    public boolean isVariadic() {
        return !parameters.isEmpty() && parameters.get(parameters.size() - 1).mode().equals(VARIADIC);
    }

    public boolean isProcedure() {
        return kind.equals(PROCEDURE);
    }

    /**
     * The table whose row type the function returns ({@code RETURNS [SETOF] table}, kept schema-qualified since CREATE), or
     * null when it returns something else.
     */
    public TableDef returnedRowType(Catalog catalog) {
        int dot = returnType.indexOf('.');
        if (dot < 0 || !outColumns.isEmpty()) return null;
        return catalog.table(returnType.substring(0, dot), returnType.substring(dot + 1));
    }

    /** Whether the result is a row of OUT/INOUT parameters (not RETURNS TABLE's columns). */
    public boolean hasOutParameters() {
        return !outColumns.isEmpty() && !outColumns.get(0).mode().equals(TABLE);
    }

    public String qualifiedName() {
        return schema + "." + name;
    }

    public boolean returnsTrigger() {
        return returnType.equals("trigger");
    }

    /** {@code schema.name(type, type)} with normalised type names: what makes two definitions the same function. */
    public String signature() {
        return qualifiedName() + "(" + String.join(",", argumentTypes()) + ")";
    }

    public List<String> argumentTypes() {
        List<String> types = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) types.add(normalizeType(p.type()));
        return types;
    }

    public FunctionDef withSettings(List<String> newSettings) {
        return new FunctionDef(id, schema, name, language, parameters, returnType, returnsSet, outColumns, body, volatility, newSettings, kind,
                argumentModes);
    }

    public FunctionDef withId(long newId) {
        return new FunctionDef(newId, schema, name, language, parameters, returnType, returnsSet, outColumns, body, volatility, settings, kind,
                argumentModes);
    }

    /** Collapses spelling differences PostgreSQL ignores: case, spaces, and the common aliases. */
    public static String normalizeType(String type) {
        String t = type.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replace(" [", "[").replace("pg_catalog.", "").trim();
        String suffix = "";
        while (t.endsWith("[]")) {
            suffix += "[]";
            t = t.substring(0, t.length() - 2).trim();
        }
        t = switch (t) {
            case "int", "integer" -> "int4";
            case "bigint" -> "int8";
            case "smallint" -> "int2";
            case "boolean" -> "bool";
            case "real" -> "float4";
            case "double precision", "float" -> "float8";
            case "character varying" -> "varchar";
            case "decimal" -> "numeric";
            case "timestamp with time zone" -> "timestamptz";
            case "timestamp without time zone" -> "timestamp";
            default -> t;
        };
        return t + suffix;
    }
}
