package io.tableos.db.sql.parse;

import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.catalog.TriggerDef;
import io.tableos.db.sql.parse.RoutineStatement.*;
import io.tableos.db.sql.parse.UtilityTokens.Kind;
import io.tableos.db.sql.parse.UtilityTokens.Token;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads CREATE [OR REPLACE] FUNCTION and PROCEDURE, ALTER and DROP FUNCTION / PROCEDURE / ROUTINE,
 * CREATE [OR REPLACE] TRIGGER, DROP TRIGGER and DO after PostgreSQL 15's grammar. OUT and INOUT
 * parameters become the result's columns ({@link FunctionDef#outColumns}); the inputs, IN, INOUT
 * and VARIADIC, stay the parameters a call passes; the declared order is kept as the modes' letters. Bodies, types and expressions are kept as
 * the text the client wrote (cut from the statement by token offsets); their meaning is the
 * engine's business. JSqlParser knows none of these statements, so they never reach it.
 */
final class RoutineDdlParser {
    private RoutineDdlParser() {}

    /** Words that continue a multi-word type name, so that {@code double precision} is not a parameter named double. */
    private static final Set<String> TYPE_CONTINUATIONS = Set.of("precision", "varying", "with", "without", "zone");

    /** The routine statement {@code text} is, or null when it is another statement. */
    static RoutineStatement parseOrNull(String text, String firstWord) {
        UtilityTokens t = new UtilityTokens(text);
        t.take();
        RoutineStatement result;
        switch (firstWord) {
            case "do" -> result = doBlock(t);
            case "create" -> {
                boolean orReplace = t.accept("or");
                if (orReplace) t.expect("replace");
                if (t.accept("function")) result = createFunction(t, orReplace, false);
                else if (t.accept("procedure")) result = createFunction(t, orReplace, true);
                else if (t.accept("trigger")) result = createTrigger(t, orReplace);
                else if (t.peek().value().equals("constraint") && t.peek(1).value().equals("trigger")) {
                    throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "constraint triggers are not supported");
                } else return null;
            }
            case "drop" -> {
                String kind = routineKind(t);
                if (kind != null) result = dropFunction(t, kind);
                else if (t.accept("trigger")) result = dropTrigger(t);
                else return null;
            }
            case "alter" -> {
                String kind = routineKind(t);
                if (kind == null) return null;
                result = alterFunction(t, kind);
            }
            default -> {
                return null;
            }
        }
        t.expectEnd();
        return result;
    }

    /** FUNCTION, PROCEDURE or ROUTINE when one of those words comes next (taken), else null. */
    private static String routineKind(UtilityTokens t) {
        for (String kind : List.of("function", "procedure", "routine")) if (t.accept(kind)) return kind.toUpperCase(java.util.Locale.ROOT);
        return null;
    }

    private static Do doBlock(UtilityTokens t) {
        String language = "plpgsql";
        String body = null;
        while (!t.atEnd()) {
            if (t.accept("language")) language = word(t);
            else if (t.peek().kind() == Kind.STRING) body = t.take().value();
            else throw t.syntaxError();
        }
        if (body == null) throw new DbException(SqlState.SYNTAX_ERROR, "no inline code specified");
        return new Do(language, body);
    }

    private static CreateFunction createFunction(UtilityTokens t, boolean orReplace, boolean procedure) {
        List<String> name = qualifiedName(t);
        t.expectPunctuation('(');
        List<FunctionDef.Parameter> parameters = new ArrayList<>();
        if (!t.acceptPunctuation(')')) {
            do parameters.add(parameter(t, true)); while (t.acceptPunctuation(','));
            t.expectPunctuation(')');
        }
        String returnType = null;
        boolean returnsSet = false;
        List<FunctionDef.Parameter> outColumns = List.of();
        String language = null, body = null, volatility = "v";
        List<String> settings = new ArrayList<>();
        while (!t.atEnd()) {
            if (t.accept("returns")) {
                if (t.accept("setof")) returnsSet = true;
                if (t.peek().value().equals("table") && t.peek(1).value().equals("(")) {
                    t.take();
                    t.take();
                    outColumns = new ArrayList<>();
                    do outColumns.add(parameter(t, false)); while (t.acceptPunctuation(','));
                    t.expectPunctuation(')');
                    returnsSet = true;
                    returnType = "record";
                } else {
                    returnType = FunctionDef.normalizeType(typeText(t));
                }
            } else if (t.accept("language")) {
                language = word(t);
            } else if (t.accept("as")) {
                Token b = t.take();
                if (b.kind() != Kind.STRING) throw t.syntaxError();
                body = b.value();
                if (t.acceptPunctuation(',')) t.take(); // AS 'obj_file', 'link_symbol' (C functions)
            } else if (t.accept("immutable")) {
                volatility = "i";
            } else if (t.accept("stable")) {
                volatility = "s";
            } else if (t.accept("volatile")) {
                volatility = "v";
            } else if (t.accept("set")) {
                settings.add(setting(t));
            } else if (!skipAcceptedOption(t)) {
                throw t.syntaxError();
            }
        }
        if (body == null) throw new DbException(SqlState.INVALID_FUNCTION_DEFINITION, "no function body specified");
        if (language == null) throw new DbException(SqlState.INVALID_FUNCTION_DEFINITION, "no language specified");
        List<FunctionDef.Parameter> inputs = new ArrayList<>(), outputs = new ArrayList<>();
        for (FunctionDef.Parameter p : parameters) {
            if (!p.mode().equals(FunctionDef.OUT)) inputs.add(p);
            if (p.mode().equals(FunctionDef.OUT) || p.mode().equals(FunctionDef.INOUT)) outputs.add(p);
        }
        checkVariadic(inputs);
        if (procedure) {
            if (returnType != null) throw new DbException(SqlState.INVALID_FUNCTION_DEFINITION, "procedures cannot have a result type");
            returnType = outputs.isEmpty() ? "void" : outputResultType(outputs);
            outColumns = outputs;
        } else if (!outputs.isEmpty()) {
            if (!outColumns.isEmpty()) throw new DbException(SqlState.SYNTAX_ERROR, "OUT and INOUT arguments aren't allowed in TABLE functions");
            String implied = outputResultType(outputs);
            if (returnType != null && !returnType.equals(implied)) {
                throw new DbException(SqlState.INVALID_FUNCTION_DEFINITION, "function result type must be "
                        + (implied.equals("record") ? "record" : implied) + " because of OUT parameters");
            }
            returnType = implied;
            outColumns = outputs;
        }
        if (returnType == null) throw new DbException(SqlState.INVALID_FUNCTION_DEFINITION, "function result type must be specified");
        return new CreateFunction(orReplace, schemaOf(name), nameOf(name), inputs, returnType, returnsSet, outColumns, language, body,
                volatility, settings, procedure ? FunctionDef.PROCEDURE : FunctionDef.FUNCTION, FunctionDef.modesOf(parameters));
    }

    /** A VARIADIC parameter is the last input and an array, as PostgreSQL requires (42P13). */
    private static void checkVariadic(List<FunctionDef.Parameter> inputs) {
        for (int i = 0; i < inputs.size(); i++) {
            FunctionDef.Parameter p = inputs.get(i);
            if (!p.mode().equals(FunctionDef.VARIADIC)) continue;
            if (i != inputs.size() - 1) throw new DbException(SqlState.INVALID_FUNCTION_DEFINITION, "VARIADIC parameter must be the last input parameter");
            if (!FunctionDef.normalizeType(p.type()).endsWith("[]")) {
                throw new DbException(SqlState.INVALID_FUNCTION_DEFINITION, "VARIADIC parameter must be an array");
            }
        }
    }

    /** The result type OUT/INOUT parameters imply: the one's type, or record for several. */
    private static String outputResultType(List<FunctionDef.Parameter> outputs) {
        return outputs.size() == 1 ? FunctionDef.normalizeType(outputs.get(0).type()) : "record";
    }

    /** Options accepted with no effect here: they concern privileges, planning or parallelism. */
    private static boolean skipAcceptedOption(UtilityTokens t) {
        if (t.accept("strict") || t.accept("leakproof") || t.accept("window")) return true;
        if (t.accept("not")) return t.accept("leakproof");
        if (t.accept("called")) return t.accept("on") && t.accept("null") && t.accept("input");
        if (t.accept("returns")) return t.accept("null") && t.accept("on") && t.accept("null") && t.accept("input");
        if (t.accept("external") || t.accept("security")) {
            t.accept("security");
            return t.accept("definer") || t.accept("invoker");
        }
        if (t.accept("parallel")) return !t.take().value().isEmpty();
        if (t.accept("cost") || t.accept("rows")) return t.take().kind() == Kind.NUMBER;
        return false;
    }

    /** {@code name = value | name TO value | name FROM CURRENT} as {@code name=value}. */
    private static String setting(UtilityTokens t) {
        String name = word(t);
        if (t.accept("from")) {
            t.expect("current");
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "SET ... FROM CURRENT is not supported for functions");
        }
        if (!t.accept("to")) t.expectPunctuation('=');
        List<String> values = new ArrayList<>();
        do {
            Token v = t.take();
            if (v.kind() == Kind.END || v.kind() == Kind.PUNCTUATION) throw t.syntaxError();
            values.add(v.value());
        } while (t.acceptPunctuation(','));
        return name + "=" + String.join(", ", values);
    }

    /** {@code [IN | OUT | INOUT] [name] type [DEFAULT expr | = expr]}; {@code withDefault} false for RETURNS TABLE columns. */
    private static FunctionDef.Parameter parameter(UtilityTokens t, boolean withDefault) {
        String mode = withDefault ? FunctionDef.IN : FunctionDef.TABLE;
        if (withDefault && t.accept("variadic")) mode = FunctionDef.VARIADIC;
        else if (withDefault && t.accept("out")) mode = FunctionDef.OUT;
        else if (withDefault && t.accept("inout")) mode = FunctionDef.INOUT;
        else t.accept("in");
        String name = "";
        Token first = t.peek();
        Token second = t.peek(1);
        boolean named = (first.kind() == Kind.WORD || first.kind() == Kind.QUOTED_IDENTIFIER)
                && (second.kind() == Kind.WORD || second.kind() == Kind.QUOTED_IDENTIFIER)
                && !TYPE_CONTINUATIONS.contains(second.value()) && !second.value().equals("default");  // "int DEFAULT 0" is unnamed
        if (named) name = t.take().value();
        String type = typeText(t);
        String defaultSql = null;
        if (withDefault && (t.accept("default") || t.acceptPunctuation('='))) defaultSql = expressionText(t);
        return new FunctionDef.Parameter(name, type, defaultSql, mode);
    }

    /** Words that end a type name in CREATE FUNCTION (the next clause begins). */
    private static final Set<String> CLAUSE_WORDS = Set.of("default", "language", "as", "immutable", "stable", "volatile", "strict",
            "set", "security", "parallel", "cost", "rows", "called", "returns", "leakproof", "not", "window");

    /** A type name as written, up to a top-level comma, closing parenthesis, DEFAULT, '=' or the next clause. */
    private static String typeText(UtilityTokens t) {
        return cut(t, true);
    }

    /** An expression as written, up to a top-level comma or closing parenthesis. */
    private static String expressionText(UtilityTokens t) {
        return cut(t, false);
    }

    private static String cut(UtilityTokens t, boolean type) {
        int start = t.peek().start();
        int end = start;
        int depth = 0;
        while (!t.atEnd()) {
            Token k = t.peek();
            boolean punctuation = k.kind() == Kind.PUNCTUATION;
            if (depth == 0 && punctuation && (k.value().equals(",") || k.value().equals(")") || (type && k.value().equals("=")))) break;
            if (depth == 0 && type && k.kind() == Kind.WORD && CLAUSE_WORDS.contains(k.value()) && end > start) break;
            if (punctuation && (k.value().equals("(") || k.value().equals("["))) depth++;
            if (punctuation && (k.value().equals(")") || k.value().equals("]"))) depth--;
            end = t.take().end();
        }
        if (end == start) throw t.syntaxError();
        return t.text().substring(start, end).trim();
    }

    private static DropFunction dropFunction(UtilityTokens t, String kind) {
        boolean ifExists = ifExists(t);
        List<FunctionName> functions = new ArrayList<>();
        do functions.add(functionName(t)); while (t.acceptPunctuation(','));
        if (!t.accept("cascade")) t.accept("restrict");
        return new DropFunction(ifExists, functions, kind);
    }

    private static AlterFunction alterFunction(UtilityTokens t, String kind) {
        FunctionName function = functionName(t);
        if (t.accept("set")) {
            String setting = setting(t);
            int eq = setting.indexOf('=');
            return new AlterFunction(function, setting.substring(0, eq), setting.substring(eq + 1), kind);
        }
        if (t.accept("reset")) return new AlterFunction(function, t.accept("all") ? "all" : word(t), null, kind);
        if (skipAcceptedOption(t)) {
            while (!t.atEnd() && skipAcceptedOption(t)) { }
            return new AlterFunction(function, null, null, kind);
        }
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER FUNCTION supports only SET, RESET and options without effect here");
    }

    /**
     * {@code name [([mode] [name] type, ...)]}: the input parameters' types; names and OUT parameters in the list are dropped,
     * as PostgreSQL ignores them (a function is identified by its inputs).
     */
    private static FunctionName functionName(UtilityTokens t) {
        List<String> name = qualifiedName(t);
        List<String> types = null;
        if (t.acceptPunctuation('(')) {
            types = new ArrayList<>();
            if (!t.acceptPunctuation(')')) {
                do {
                    FunctionDef.Parameter p = parameter(t, true);
                    if (!p.mode().equals(FunctionDef.OUT)) types.add(FunctionDef.normalizeType(p.type()));
                } while (t.acceptPunctuation(','));
                t.expectPunctuation(')');
            }
        }
        return new FunctionName(schemaOf(name), nameOf(name), types);
    }

    private static CreateTrigger createTrigger(UtilityTokens t, boolean orReplace) {
        String name = identifier(t);
        boolean before;
        if (t.accept("before")) before = true;
        else if (t.accept("after")) before = false;
        else if (t.accept("instead")) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers are not supported");
        else throw t.syntaxError();
        int events = 0;
        List<String> updateColumns = new ArrayList<>();
        do {
            if (t.accept("insert")) events |= TriggerDef.INSERT;
            else if (t.accept("delete")) events |= TriggerDef.DELETE;
            else if (t.accept("update")) {
                events |= TriggerDef.UPDATE;
                if (t.accept("of")) {
                    do updateColumns.add(identifier(t)); while (t.acceptPunctuation(','));
                }
            } else if (t.accept("truncate")) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "TRUNCATE triggers are not supported");
            } else throw t.syntaxError();
        } while (t.accept("or"));
        t.expect("on");
        List<String> table = qualifiedName(t);
        boolean forEachRow = false;
        String whenSql = null;
        if (t.accept("referencing")) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "transition tables are not supported");
        if (t.accept("for")) {
            t.accept("each");
            if (t.accept("row")) forEachRow = true;
            else t.expect("statement");
        }
        if (t.accept("when")) {
            t.expectPunctuation('(');
            whenSql = expressionText(t);
            t.expectPunctuation(')');
        }
        t.expect("execute");
        if (!t.accept("function")) t.expect("procedure");
        List<String> function = qualifiedName(t);
        t.expectPunctuation('(');
        List<String> arguments = new ArrayList<>();
        if (!t.acceptPunctuation(')')) {
            do arguments.add(t.take().value()); while (t.acceptPunctuation(','));
            t.expectPunctuation(')');
        }
        return new CreateTrigger(orReplace, name, before, events, updateColumns, schemaOf(table), nameOf(table), forEachRow, whenSql,
                new FunctionName(schemaOf(function), nameOf(function), List.of()), arguments);
    }

    private static DropTrigger dropTrigger(UtilityTokens t) {
        boolean ifExists = ifExists(t);
        String name = identifier(t);
        t.expect("on");
        List<String> table = qualifiedName(t);
        if (!t.accept("cascade")) t.accept("restrict");
        return new DropTrigger(ifExists, name, schemaOf(table), nameOf(table));
    }

    private static boolean ifExists(UtilityTokens t) {
        if (!t.accept("if")) return false;
        t.expect("exists");
        return true;
    }

    private static List<String> qualifiedName(UtilityTokens t) {
        List<String> parts = new ArrayList<>();
        parts.add(identifier(t));
        while (t.acceptPunctuation('.')) parts.add(identifier(t));
        if (parts.size() > 2) throw new DbException(SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names): " + String.join(".", parts));
        return parts;
    }

    private static String schemaOf(List<String> name) {
        return name.size() == 2 ? name.get(0) : null;
    }

    private static String nameOf(List<String> name) {
        return name.get(name.size() - 1);
    }

    private static String identifier(UtilityTokens t) {
        Token k = t.peek();
        if (k.kind() != Kind.WORD && k.kind() != Kind.QUOTED_IDENTIFIER) throw t.syntaxError();
        return t.take().value();
    }

    /** A word or string (LANGUAGE 'plpgsql' is accepted too), lower case. */
    private static String word(UtilityTokens t) {
        Token k = t.take();
        if (k.kind() == Kind.END || k.kind() == Kind.PUNCTUATION) throw t.syntaxError();
        return k.value().toLowerCase(java.util.Locale.ROOT);
    }
}
