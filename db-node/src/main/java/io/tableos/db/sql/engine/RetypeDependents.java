package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.CheckConstraintDef;
import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.ViewDef;
import io.tableos.db.sql.func.FunctionRegistry;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ALTER COLUMN TYPE must refuse because of objects that depend on the column or that the
 * conversion would call, read from SQL text: views (PostgreSQL refuses a column a view uses,
 * 0A000), user-defined functions in USING, and CHECK constraints that call user-defined
 * functions. Every replica converts the rows and checks them itself, on its apply thread,
 * where no function body runs (0A000 for those two, where PostgreSQL would call the function).
 *
 * <p>The text is scanned for names, string literals and comments left out, so the test errs
 * towards refusing: a view that names the table and a same-named column of another table is
 * taken to use the column, as is one selecting {@code *} or {@code t.*} from it.
 */
final class RetypeDependents {
    private RetypeDependents() {}

    private static final Pattern SKIPPED = Pattern.compile("'(?:[^']|'')*'|--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    /** A name, quoted or not; group 1 the quoted one, group 2 the plain one. */
    private static final Pattern NAME = Pattern.compile("\"((?:[^\"]|\"\")*)\"|([A-Za-z_][A-Za-z0-9_$]*)");
    /** A star that selects columns: first in a select list, after a comma, or after {@code t.}. */
    private static final Pattern SELECTED_STAR = Pattern.compile("(?i)(?:\\bselect\\s+(?:distinct\\s+|all\\s+)?|,\\s*|\\.)\\*");
    /** A call: a name (possibly schema-qualified) before an opening parenthesis. */
    private static final Pattern CALL = Pattern.compile("(?:(?:\"(?:[^\"]|\"\")*\"|[A-Za-z_][A-Za-z0-9_$]*)\\s*\\.\\s*)?"
            + "(\"(?:[^\"]|\"\")*\"|[A-Za-z_][A-Za-z0-9_$]*)\\s*\\(");

    /** 0A000 as PostgreSQL's when a view uses {@code column} of {@code table}. */
    static void requireNoViewUses(Catalog catalog, TableDef table, String column) {
        for (ViewDef view : catalog.views()) {
            String text = SKIPPED.matcher(view.querySql()).replaceAll(" ");
            List<String> names = names(text);
            if (!names.contains(table.name())) continue;
            if (names.contains(column) || SELECTED_STAR.matcher(text).find()) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter type of a column used by a view or rule",
                        "rule _RETURN on view " + view.name() + " depends on column \"" + column + "\"", null, 0, null);
            }
        }
    }

    /**
     * 0A000 when {@code usingSql} calls a user-defined function: a VOLATILE or STABLE one reads
     * more than the row; an IMMUTABLE one would do, but replicas run no function bodies.
     */
    static void requireNoUserFunctionCalls(Catalog catalog, String usingSql) {
        for (FunctionDef f : calledUserFunctions(catalog, usingSql)) {
            String why = f.volatility().equals("i")
                    ? "USING expressions that call user-defined functions are not supported (" + f.name() + "() is IMMUTABLE, but replicas run no function bodies)"
                    : "USING expressions that read anything but the row are not supported (" + f.name() + "() is "
                            + (f.volatility().equals("s") ? "STABLE" : "VOLATILE") + ")";
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, why + ": every replica converts the rows itself");
        }
    }

    /**
     * 0A000 when a CHECK constraint of {@code table} calls a user-defined function: the rewritten
     * rows are checked on every replica, which runs no function bodies (PostgreSQL checks them
     * with the function: 23514 for a row that fails, 42883 when no overload takes the new type).
     */
    static void requireChecksWithoutUserFunctions(Catalog catalog, TableDef table) {
        for (CheckConstraintDef check : table.checks()) {
            List<FunctionDef> called = calledUserFunctions(catalog, check.expressionSql());
            if (!called.isEmpty()) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot change a column's type in table \"" + table.name()
                        + "\": its check constraint \"" + check.name() + "\" calls " + called.get(0).name()
                        + "(), and replicas check the converted rows without running function bodies");
            }
        }
    }

    /** The user-defined functions {@code sql} calls by name, where no built-in takes an unqualified name first. */
    private static List<FunctionDef> calledUserFunctions(Catalog catalog, String sql) {
        List<FunctionDef> out = new ArrayList<>();
        Matcher m = CALL.matcher(SKIPPED.matcher(sql).replaceAll(" "));
        while (m.find()) {
            boolean qualified = m.group().contains(".");
            String name = unquote(m.group(1));
            if (!qualified && FunctionRegistry.exists(name)) continue;
            for (FunctionDef f : catalog.routines().functions()) {
                if (f.name().equals(name)) out.add(f);
            }
        }
        return out;
    }

    /** The names {@code sql} holds outside string literals and comments, as the catalog spells them. */
    static List<String> namesOutsideLiterals(String sql) {
        return names(SKIPPED.matcher(sql).replaceAll(" "));
    }

    private static List<String> names(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) out.add(unquote(m.group()));
        return out;
    }

    /** A name as the catalog holds it: quoted as written, unquoted folded to lower case. */
    private static String unquote(String name) {
        if (name.startsWith("\"")) return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        return name.toLowerCase(Locale.ROOT);
    }
}
