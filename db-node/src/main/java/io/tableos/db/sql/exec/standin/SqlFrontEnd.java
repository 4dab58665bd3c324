package io.tableos.db.sql.exec.standin;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.statement.Statement;

/** Stand-in for io.tableos.db.sql.parse.SqlFrontEnd: a tiny utility parser plus JSqlParser. */
public final class SqlFrontEnd {
    private SqlFrontEnd() {}

    public sealed interface ParsedStatement permits JsqlStatement, UtilityStatement {}

    public record JsqlStatement(Statement statement, String normalizedText) implements ParsedStatement {}

    public sealed interface UtilityStatement extends ParsedStatement {}
    public record Begin(String isolation, Boolean readOnly, boolean deferrable) implements UtilityStatement {}
    public record Commit(boolean chain) implements UtilityStatement {}
    public record Rollback(boolean chain) implements UtilityStatement {}
    public record Savepoint(String name) implements UtilityStatement {}
    public record RollbackToSavepoint(String name) implements UtilityStatement {}
    public record ReleaseSavepoint(String name) implements UtilityStatement {}
    public record SetTransaction(String isolation, Boolean readOnly) implements UtilityStatement {}
    public record SetSessionCharacteristics(String isolation, Boolean readOnly) implements UtilityStatement {}
    public record Set(String name, List<String> values, boolean local) implements UtilityStatement {}
    public record Reset(String name) implements UtilityStatement {}
    public record Show(String name) implements UtilityStatement {}
    public record Listen(String channel) implements UtilityStatement {}
    public record Unlisten(String channel) implements UtilityStatement {}
    public record Notify(String channel, String payload) implements UtilityStatement {}
    public record Truncate(List<String> tables, boolean restartIdentity, boolean cascade) implements UtilityStatement {}
    public record Explain(String innerText) implements UtilityStatement {}
    public record Copy(String table, List<String> columns, boolean fromStdin, String query, String format,
                       boolean header, String delimiter, String nullString, String quote, String escape) implements UtilityStatement {}
    public record NoOp(String tag) implements UtilityStatement {}

    public static ParsedStatement parse(String text) {
        String t = text.trim();
        if (t.endsWith(";")) t = t.substring(0, t.length() - 1).trim();
        List<String> w = Arrays.asList(t.split("\\s+"));
        String w0 = w.get(0).toUpperCase(Locale.ROOT);
        String w1 = w.size() > 1 ? w.get(1).toUpperCase(Locale.ROOT) : "";
        String upper = t.toUpperCase(Locale.ROOT);
        switch (w0) {
            case "BEGIN", "START": return new Begin(isolation(upper), readOnly(upper), false);
            case "COMMIT", "END": return new Commit(false);
            case "ROLLBACK", "ABORT":
                if (w1.equals("TO")) return new RollbackToSavepoint(w.get(w.size() - 1).toLowerCase());
                return new Rollback(false);
            case "SAVEPOINT": return new Savepoint(w1.toLowerCase());
            case "RELEASE": return new ReleaseSavepoint(w.get(w.size() - 1).toLowerCase());
            case "SHOW": return new Show(upper.contains("ISOLATION") ? "transaction_isolation" : w.get(1).toLowerCase());
            case "RESET": return new Reset(w1.toLowerCase());
            case "LISTEN": return new Listen(unquote(w.get(1)));
            case "UNLISTEN": return new Unlisten(unquote(w.get(1)));
            case "NOTIFY": {
                String rest = t.substring(t.indexOf(w.get(1)) + w.get(1).length());
                String ch = w.get(1).replace(",", "");
                int q = rest.indexOf('\'');
                return new Notify(unquote(ch), q < 0 ? "" : rest.substring(q + 1, rest.lastIndexOf('\'')).replace("''", "'"));
            }
            case "VACUUM", "ANALYZE", "CHECKPOINT": return new NoOp(w0);
            case "DISCARD": return new NoOp("DISCARD ALL");
            case "EXPLAIN": return new Explain(t.substring(7).trim());
            case "TRUNCATE": {
                List<String> tables = new ArrayList<>();
                for (String s : w.subList(1, w.size())) {
                    String u = s.toUpperCase(Locale.ROOT);
                    if (u.equals("TABLE")) continue;
                    if (u.equals("RESTART") || u.equals("CONTINUE") || u.equals("CASCADE") || u.equals("RESTRICT")) break;
                    for (String p : s.split(",")) if (!p.isEmpty()) tables.add(p.toLowerCase());
                }
                return new Truncate(tables, upper.contains("RESTART IDENTITY"), upper.contains("CASCADE"));
            }
            case "COPY": return parseCopy(t, upper);
            case "SET": {
                if (w1.equals("TRANSACTION")) return new SetTransaction(isolation(upper), readOnly(upper));
                if (w1.equals("SESSION") && upper.contains("CHARACTERISTICS")) return new SetSessionCharacteristics(isolation(upper), readOnly(upper));
                boolean local = w1.equals("LOCAL");
                String rest = t.substring(3).trim();
                if (local || w1.equals("SESSION")) rest = rest.substring(rest.indexOf(' ') + 1).trim();
                if (rest.toUpperCase(Locale.ROOT).startsWith("TIME ZONE")) return new Set("timezone", List.of(unquote(rest.substring(9).trim())), local);
                int eq = rest.indexOf('=');
                int to = rest.toUpperCase(Locale.ROOT).indexOf(" TO ");
                int cut = eq >= 0 && (to < 0 || eq < to) ? eq : to;
                String name = rest.substring(0, cut).trim().toLowerCase();
                String value = rest.substring(cut + (cut == eq ? 1 : 4)).trim();
                List<String> values = new ArrayList<>();
                for (String v : value.split(",")) values.add(unquote(v.trim()));
                return new Set(name, values, local);
            }
            default:
        }
        try {
            CCJSqlParser p = new CCJSqlParser(t).withDialect(AbstractJSqlParser.Dialect.POSTGRESQL);
            Statement st = p.Statement();
            return new JsqlStatement(st, t);
        } catch (Exception | Error e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            int at = msg.indexOf("Encountered");
            String near = "";
            if (at >= 0) {
                int q1 = msg.indexOf('"', at), q2 = q1 < 0 ? -1 : msg.indexOf('"', q1 + 1);
                if (q2 > q1) near = msg.substring(q1 + 1, q2);
            }
            throw new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + near + "\"");
        }
    }

    private static Copy parseCopy(String t, String upper) {
        String rest = t.substring(4).trim();
        String query = null, table = null;
        List<String> columns = new ArrayList<>();
        int pos;
        if (rest.startsWith("(")) {
            int depth = 0, i = 0;
            for (; i < rest.length(); i++) {
                if (rest.charAt(i) == '(') depth++;
                if (rest.charAt(i) == ')' && --depth == 0) break;
            }
            query = rest.substring(1, i);
            pos = i + 1;
        } else {
            int sp = rest.indexOf(' ');
            int par = rest.indexOf('(');
            int end = par >= 0 && par < sp ? par : sp;
            table = rest.substring(0, end).trim().toLowerCase();
            pos = end;
            String after = rest.substring(pos).trim();
            if (after.startsWith("(")) {
                int close = after.indexOf(')');
                for (String c : after.substring(1, close).split(",")) columns.add(c.trim().toLowerCase());
                pos = rest.indexOf(')', pos) + 1;
            }
        }
        String tail = rest.substring(pos).toUpperCase(Locale.ROOT);
        boolean from = tail.trim().startsWith("FROM");
        String format = tail.contains("CSV") ? "csv" : "text";
        boolean header = tail.contains("HEADER");
        String delimiter = option(rest.substring(pos), "DELIMITER");
        String nullString = option(rest.substring(pos), "NULL");
        return new Copy(table, columns, from, query, format, header, delimiter, nullString, null, null);
    }

    private static String option(String tail, String name) {
        int i = tail.toUpperCase(Locale.ROOT).indexOf(name + " '");
        if (i < 0) return null;
        int q = tail.indexOf('\'', i);
        return tail.substring(q + 1, tail.indexOf('\'', q + 1));
    }

    private static String isolation(String upper) {
        int i = upper.indexOf("ISOLATION LEVEL ");
        if (i < 0) return null;
        String s = upper.substring(i + 16);
        for (String level : List.of("SERIALIZABLE", "REPEATABLE READ", "READ COMMITTED", "READ UNCOMMITTED"))
            if (s.startsWith(level)) return level.toLowerCase();
        return null;
    }

    private static Boolean readOnly(String upper) {
        if (upper.contains("READ ONLY")) return Boolean.TRUE;
        if (upper.contains("READ WRITE")) return Boolean.FALSE;
        return null;
    }

    private static String unquote(String s) {
        s = s.trim();
        if (s.length() >= 2 && (s.startsWith("'") || s.startsWith("\""))) return s.substring(1, s.length() - 1);
        return s.toLowerCase();
    }
}
