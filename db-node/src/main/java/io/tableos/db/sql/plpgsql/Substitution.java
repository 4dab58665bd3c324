package io.tableos.db.sql.plpgsql;

import io.tableos.db.sql.parse.UtilityTokens.Kind;
import io.tableos.db.sql.parse.UtilityTokens.Token;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Rewrites a piece of a body into SQL the engine can plan: each reference to a variable becomes
 * a parameter ($1, $2, ...; a repeated reference reuses its number), and so does {@code $n}
 * (the routine's n-th parameter, looked up as the name {@code $n}; past the last one it becomes a
 * negative slot that fails with 42P02 when the piece runs, as in PostgreSQL). A zero-based array
 * variable's subscript (TG_ARGV[k]) is shifted by one. A name is left alone where SQL's grammar makes it a column,
 * table, type, alias or function: after a dot or {@code ::}, before {@code (}, in an INSERT's
 * column list, an ON CONFLICT target, the left side of an UPDATE's SET, after FROM/JOIN/INTO/
 * UPDATE/TABLE/AS. (PostgreSQL resolves the same places by its grammar; elsewhere a variable
 * hides a column of the same name, where PostgreSQL would report the name as ambiguous.)
 */
final class Substitution {
    private Substitution() {}

    private static final Set<String> BEFORE_RELATION = Set.of("from", "join", "into", "update", "table", "only", "as", "constraint");

    static Fragment rewrite(String text, List<Token> tokens, int from, int to, int skipFrom, int skipTo, String prefix,
                            Function<String, Integer> lookup, List<Variable> variables, String source) {
        StringBuilder sql = new StringBuilder(prefix);
        List<Fragment.Ref> refs = new ArrayList<>();
        List<Fragment.Splice> splices = new ArrayList<>();
        int copiedTo = -1;
        int depth = 0;
        int columnListDepth = -1;  // depth inside which names are columns (INSERT list, ON CONFLICT target)
        boolean columnListNext = false;
        boolean inSetList = false;
        String previous = "";
        String beforePrevious = "";
        int brackets = 0;
        Deque<Integer> shiftedSubscripts = new ArrayDeque<>();  // bracket depths of zero-based subscripts, closed by ")]"

        for (int i = from; i < to; i++) {
            if (i > from) beforePrevious = i - 2 >= from ? tokens.get(i - 2).value() : "";
            if (i >= skipFrom && i < skipTo) {
                copiedTo = -1;
                sql.append(' ');
                i = skipTo - 1;
                continue;
            }
            Token t = tokens.get(i);
            if (copiedTo >= 0 && copiedTo < t.start()) sql.append(text, copiedTo, t.start());
            copiedTo = t.end();
            String value = t.value();
            if (t.kind() == Kind.PUNCTUATION) {
                if (value.equals("(")) {
                    depth++;
                    if (columnListNext) {
                        columnListDepth = depth;
                        columnListNext = false;
                    }
                } else if (value.equals(")")) {
                    if (depth == columnListDepth) columnListDepth = -1;
                    depth--;
                } else if (value.equals("[")) {
                    brackets++;
                } else if (value.equals("]")) {
                    if (!shiftedSubscripts.isEmpty() && shiftedSubscripts.peek() == brackets) {
                        shiftedSubscripts.pop();
                        sql.append(')');
                    }
                    brackets--;
                } else if (value.equals("$") && i + 1 < to && tokens.get(i + 1).kind() == Kind.NUMBER && tokens.get(i + 1).start() == t.end()) {
                    String name = "$" + tokens.get(i + 1).value();
                    Integer slot = lookup.apply(name);
                    // no such parameter: a negative slot, an error when the piece runs (PostgreSQL's 42P02 then, not at CREATE)
                    if (slot == null) slot = -parameterNumber(tokens.get(i + 1).value());
                    sql.append('$').append(number(refs, new Fragment.Ref(slot, null)));
                    copiedTo = tokens.get(i + 1).end();
                    i++;
                    previous = "";
                    continue;
                }
                sql.append(text, t.start(), t.end());
                previous = value;
                continue;
            }
            if (t.kind() == Kind.WORD) {
                if (value.equals("into") && previous.equals("insert")) columnListNext = true;
                else if (value.equals("conflict")) columnListNext = true;
                else if (Set.of("values", "select", "default", "overriding", "with").contains(value)) columnListNext = false;
                if (value.equals("set") && depth == 0) inSetList = true;
                if (Set.of("where", "returning", "from").contains(value) && depth == 0) inSetList = false;
            }
            Integer slot = (t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENTIFIER) ? lookup.apply(value) : null;
            boolean afterDot = previous.equals(".") || previous.equals(":");
            boolean call = i + 1 < to && isPunctuation(tokens.get(i + 1), "(");
            boolean column = columnListDepth >= 0 && depth >= columnListDepth;
            boolean setTarget = inSetList && depth == 0 && (previous.equals("set") || previous.equals(","))
                    && i + 1 < to && isPunctuation(tokens.get(i + 1), "=");
            // FROM names a relation, except in IS [NOT] DISTINCT FROM, and a record variable's field (FROM new.x) is never one
            boolean fieldFollows = i + 1 < to && isPunctuation(tokens.get(i + 1), ".");
            boolean relation = BEFORE_RELATION.contains(previous) && !(previous.equals("from") && beforePrevious.equals("distinct"))
                    && !(slot != null && variables.get(slot).isRecord() && fieldFollows);
            if (slot == null || afterDot || call || column || setTarget || relation) {
                sql.append(text, t.start(), t.end());
                previous = t.kind() == Kind.WORD ? value : "\"";
                continue;
            }
            String field = null;
            if (variables.get(slot).isRecord() && i + 2 < to && isPunctuation(tokens.get(i + 1), ".")
                    && (tokens.get(i + 2).kind() == Kind.WORD || tokens.get(i + 2).kind() == Kind.QUOTED_IDENTIFIER
                        || isPunctuation(tokens.get(i + 2), Fragment.ALL_FIELDS))) {
                field = tokens.get(i + 2).value();
                // rec.* is the record's field list where SQL expands it (select lists, ROW(...), VALUES), else the whole row
                if (field.equals(Fragment.ALL_FIELDS) && isOperand(previous, beforePrevious, i + 3 < to ? tokens.get(i + 3) : null)) field = null;
                copiedTo = tokens.get(i + 2).end();
                i += 2;
            }
            int number = number(refs, new Fragment.Ref(slot, field));
            if (Fragment.ALL_FIELDS.equals(field)) splices.add(new Fragment.Splice(sql.length(), number - 1));
            sql.append('$').append(number);
            previous = "$";
            if (variables.get(slot).zeroBased() && i + 1 < to && isPunctuation(tokens.get(i + 1), "[")) {
                sql.append("[1+(");  // TG_ARGV[k] is our element k + 1
                copiedTo = tokens.get(i + 1).end();
                i++;
                brackets++;
                shiftedSubscripts.push(brackets);
                previous = "[";
            }
        }
        return new Fragment(sql.toString(), refs, source, splices);
    }

    /** Whether an expression between these tokens is an operand of a comparison or IS test (not an item of a list). */
    private static boolean isOperand(String previous, String beforePrevious, Token next) {
        if (Set.of("=", "<", ">", "!").contains(previous) || (previous.equals("from") && beforePrevious.equals("distinct"))) return true;
        if (next == null) return false;
        return next.kind() == Kind.WORD ? next.value().equals("is") : Set.of("=", "<", ">", "!").contains(next.value());
    }

    private static int parameterNumber(String digits) {
        try {
            return Math.max(1, Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** PostgreSQL's error for {@code $n} beyond a routine's parameters. */
    static DbException noParameter(int n) {
        return new DbException(SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + n);
    }

    private static int number(List<Fragment.Ref> refs, Fragment.Ref ref) {
        int at = refs.indexOf(ref);
        if (at < 0) {
            refs.add(ref);
            at = refs.size() - 1;
        }
        return at + 1;
    }

    private static boolean isPunctuation(Token t, String p) {
        return t.kind() == Kind.PUNCTUATION && t.value().equals(p);
    }
}
