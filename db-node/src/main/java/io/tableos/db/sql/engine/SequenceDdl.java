package io.tableos.db.sql.engine;

import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.txn.DdlOperation;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.schema.Sequence;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.alter.sequence.AlterSequence;

/**
 * CREATE SEQUENCE [IF NOT EXISTS] name [AS type] [INCREMENT [BY] n] [MINVALUE n | NO MINVALUE]
 * [MAXVALUE n | NO MAXVALUE] [START [WITH] n] [CACHE n] [[NO] CYCLE] [OWNED BY ...], parsed
 * from the text here because JSqlParser rejects IF NOT EXISTS and keeps options as strings.
 */
final class SequenceDdl {
    private SequenceDdl() {}

    /**
     * ALTER SEQUENCE name RESTART [[WITH] n]: the next nextval returns n (default: the start),
     * in the session's transaction. OWNED BY is accepted and ignored; other options are 0A000.
     */
    static StatementResult alter(DdlExecutor ddl, AlterSequence statement) {
        Sequence named = statement.getSequence();
        DdlNames.Qualified name = ddl.name(new Table(named.getSchemaName(), named.getName()));
        SequenceDef s = ddl.catalog().sequence(name.schema(), name.name());
        if (s == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + name.display() + "\" does not exist");
        if (named.getParameters() == null) return new Results.Command("ALTER SEQUENCE");
        for (Sequence.Parameter p : named.getParameters()) {
            if (p.getOption() != Sequence.ParameterType.RESTART_WITH) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER SEQUENCE " + p.formatParameter().trim() + " is not supported");
            }
            long value = p.getValue() == null ? s.start() : p.getValue();
            if (value < s.minValue() || value > s.maxValue()) {
                throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (" + value + ") is outside the sequence's range "
                        + s.minValue() + " .. " + s.maxValue());
            }
            ddl.session().currentTransaction().setval(s, value, false);
        }
        return new Results.Command("ALTER SEQUENCE");
    }

    static StatementResult create(DdlExecutor ddl, String text) {
        try {
            return parseAndCreate(ddl, words(text));
        } catch (IndexOutOfBoundsException e) {
            throw syntax("end of input");
        }
    }

    private static StatementResult parseAndCreate(DdlExecutor ddl, List<String> w) {
        int i = 0;
        expect(w, i++, "create");
        if (i < w.size() && (w.get(i).equals("temp") || w.get(i).equals("temporary"))) i++;
        expect(w, i++, "sequence");
        boolean ifNotExists = false;
        if (i + 2 < w.size() && w.get(i).equals("if") && w.get(i + 1).equals("not") && w.get(i + 2).equals("exists")) {
            ifNotExists = true;
            i += 3;
        }
        if (i >= w.size()) throw syntax("end of input");
        DdlNames.Qualified name = DdlNames.parseToCreate(w.get(i++), ddl.searchPath(), ddl.catalog());
        long increment = 1;
        Long min = null, max = null, start = null;
        boolean cycle = false;
        long typeMax = Long.MAX_VALUE;
        long typeMin = Long.MIN_VALUE;
        while (i < w.size()) {
            String word = w.get(i++);
            switch (word) {
                case "as" -> {
                    String type = w.get(i++);
                    if (type.equals("smallint") || type.equals("int2")) { typeMax = Short.MAX_VALUE; typeMin = Short.MIN_VALUE; }
                    else if (type.equals("integer") || type.equals("int") || type.equals("int4")) { typeMax = Integer.MAX_VALUE; typeMin = Integer.MIN_VALUE; }
                }
                case "increment" -> {
                    if (w.get(i).equals("by")) i++;
                    increment = number(w.get(i++));
                }
                case "minvalue" -> min = number(w.get(i++));
                case "maxvalue" -> max = number(w.get(i++));
                case "start" -> {
                    if (w.get(i).equals("with")) i++;
                    start = number(w.get(i++));
                }
                case "cache" -> number(w.get(i++));
                case "cycle" -> cycle = true;
                case "no" -> {
                    String what = w.get(i++);
                    if (what.equals("cycle")) cycle = false;
                    else if (what.equals("minvalue")) min = null;
                    else if (what.equals("maxvalue")) max = null;
                    else throw syntax(what);
                }
                case "owned" -> {
                    i++; // BY
                    i++; // table.column or NONE (ownership is not tracked for explicit sequences)
                }
                default -> throw syntax(word);
            }
        }
        if (increment == 0) throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        long minValue = min != null ? min : (increment > 0 ? 1 : typeMin);
        long maxValue = max != null ? max : (increment > 0 ? typeMax : -1);
        long startValue = start != null ? start : (increment > 0 ? minValue : maxValue);
        if (minValue >= maxValue) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + minValue + ") must be less than MAXVALUE (" + maxValue + ")");
        }
        if (startValue < minValue || startValue > maxValue) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "START value (" + startValue + ") cannot be " + (startValue < minValue ? "less than MINVALUE (" + minValue : "greater than MAXVALUE (" + maxValue) + ")");
        }
        DdlNames.requireSchema(ddl.catalog(), name.schema());
        if (DdlNames.relationExists(ddl.catalog(), name.schema(), name.name())) {
            if (ifNotExists) return new Results.Command("CREATE SEQUENCE", "relation \"" + name.name() + "\" already exists, skipping");
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name.name() + "\" already exists");
        }
        SequenceDef def = new SequenceDef(ddl.catalog().peekNextObjectId(), name.schema(), name.name(), startValue, increment,
                minValue, maxValue, cycle, 0);
        ddl.apply(new DdlOperation.CreateSequence(def));
        return new Results.Command("CREATE SEQUENCE");
    }

    /** Words of the statement: lower-cased unless double-quoted; a trailing semicolon dropped. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        String s = text.trim();
        if (s.endsWith(";")) s = s.substring(0, s.length() - 1);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            StringBuilder word = new StringBuilder();
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                char ch = s.charAt(i);
                if (ch == '"') {
                    int end = s.indexOf('"', i + 1);
                    if (end < 0) throw syntax("\"");
                    word.append(s, i + 1, end);
                    i = end + 1;
                } else {
                    word.append(Character.toLowerCase(ch));
                    i++;
                }
            }
            out.add(word.toString());
        }
        return out;
    }

    private static void expect(List<String> w, int i, String word) {
        if (i >= w.size() || !w.get(i).equals(word)) throw syntax(i < w.size() ? w.get(i) : "end of input");
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw syntax(s);
        }
    }

    private static DbException syntax(String near) {
        return new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + near + "\"");
    }
}
