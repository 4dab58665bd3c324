package io.tableos.db.sql.plpgsql;

import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.parse.UtilityTokens.Kind;
import io.tableos.db.sql.parse.UtilityTokens.Token;
import io.tableos.db.sql.plpgsql.Ast.*;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a PL/pgSQL body (the subset real schemas use; see {@link Ast}) by recursive descent
 * over the SQL token stream. Names are resolved to frame slots here, block by block, so the
 * SQL pieces can be rewritten into parameterised {@link Fragment}s once; unknown constructs fail
 * with 0A000 or 42601 when the function is created, as PostgreSQL checks a body's syntax then.
 */
final class PlpgsqlParser extends BodyTokenReader {
    /** The parsed body and every slot it uses (the predeclared ones first). */
    record Parsed(Block block, List<Variable> variables) {}

    private static final Set<String> LEVELS = Set.of("debug", "log", "info", "notice", "warning", "exception");

    private final List<Variable> variables = new ArrayList<>();
    private final Deque<Map<String, Integer>> scopes = new ArrayDeque<>();
    private final int foundSlot;
    /** Bound cursor variables' queries, by slot. */
    private final Map<Integer, CursorQuery> cursorQueries = new HashMap<>();
    /** Why RETURN may not give a value here (42804), or null when it may (a function returning a scalar or a trigger). */
    private String returnValueRefused;
    /** Where %TYPE and %ROWTYPE look; null where no catalog applies (a LANGUAGE sql body). */
    private final CatalogTypes catalogTypes;

    /** @param positional the slots {@code $1}, {@code $2}, ... name (a routine's parameters in declared order) */
    private PlpgsqlParser(String text, List<Variable> predeclared, List<Integer> positional, CatalogTypes catalogTypes) {
        super(text);
        this.catalogTypes = catalogTypes;
        scopes.push(new HashMap<>());
        for (Variable v : predeclared) declare(v);
        for (int i = 0; i < positional.size(); i++) scopes.peek().put("$" + (i + 1), positional.get(i));
        foundSlot = scopes.peek().get("found");
    }

    /**
     * Parses {@code body}; {@code predeclared} must include a bool variable named found; {@code positional}: the slots of
     * {@code $1}, {@code $2}, ....
     */
    static Parsed parse(String body, List<Variable> predeclared, List<Integer> positional, CatalogTypes catalogTypes, String returnValueRefused) {
        PlpgsqlParser p = new PlpgsqlParser(body, predeclared, positional, catalogTypes);
        p.returnValueRefused = returnValueRefused;
        Block block = p.block(p.label());
        p.accept(";");
        if (!p.at(Kind.END)) throw p.syntaxError();
        return new Parsed(block, List.copyOf(p.variables));
    }

    /** A LANGUAGE sql body: its statements (split at top-level semicolons), parameters referenced by name or $n (n-th input). */
    static List<Fragment> sqlBody(String body, List<Variable> parameters) {
        List<Variable> withFound = new ArrayList<>(parameters);
        withFound.add(new Variable("found", DataType.BOOL));
        List<Integer> positional = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) positional.add(i);
        PlpgsqlParser p = new PlpgsqlParser(body, withFound, positional, null);  // found: every parser has one, a SQL body never names it
        List<Fragment> statements = new ArrayList<>();
        while (!p.at(Kind.END)) {
            if (p.accept(";")) continue;
            int start = p.next;
            p.skipTo(Set.of(";"));
            Fragment statement = p.fragment(start, p.next, "", -1, -1);
            for (Fragment.Ref ref : statement.refs()) {
                if (ref.slot() < 0) throw Substitution.noParameter(-ref.slot());  // PostgreSQL checks a SQL body when it is created
            }
            statements.add(statement);
        }
        if (statements.isEmpty()) throw new DbException(SqlState.INVALID_FUNCTION_DEFINITION, "SQL function body is empty");
        return statements;
    }

    // ---- blocks and statements ----

    private Block block(String label) {
        scopes.push(new HashMap<>());
        try {
            List<Declaration> declarations = new ArrayList<>();
            if (acceptWord("declare")) {
                while (!peekWord("begin")) {
                    Declaration d = declaration();
                    if (d != null) declarations.add(d);
                }
            }
            expectWord("begin");
            List<Stmt> body = statements(Set.of("end", "exception"));
            List<Handler> handlers = new ArrayList<>();
            if (acceptWord("exception")) {
                while (acceptWord("when")) handlers.add(handler());
            }
            expectWord("end");
            if (label != null) acceptWord(label);
            return new Block(label, declarations, body, handlers);
        } finally {
            scopes.pop();
        }
    }

    /** A declaration; null for {@code name ALIAS FOR $n | variable;}, which only adds a name for a slot. */
    private Declaration declaration() {
        String name = identifier();
        if (acceptWord("alias")) {
            expectWord("for");
            String aliased = positionalName();
            if (aliased == null) aliased = identifier();
            Integer slot = lookup(aliased);
            if (slot == null) throw new DbException(SqlState.UNDEFINED_OBJECT, "variable \"" + aliased + "\" does not exist");
            expect(";");
            scopes.peek().put(name, slot);
            return null;
        }
        if (acceptWord("no")) expectWord("scroll");
        else if (acceptWord("scroll")) throw unsupported("SCROLL cursors");
        if (acceptWord("cursor")) return cursorDeclaration(name);
        acceptWord("constant");
        int start = next;
        while (!atPunctuation(";") && !peekWord("default") && !peekWord("not") && !atAssign() && !at(Kind.END)) next++;
        int typeEnd = next;
        boolean notNull = false;
        if (acceptWord("not")) {
            expectWord("null");
            notNull = true;
        }
        Fragment initial = null;
        if (acceptWord("default") || acceptAssign()) initial = expression(Set.of(";"));
        expect(";");
        int slot = declare(declaredVariable(name, start, typeEnd));
        return new Declaration(slot, initial, notNull, null);
    }

    /** {@code name CURSOR [(argument type, ...)] FOR|IS query;}: the arguments are variables only the query sees. */
    private Declaration cursorDeclaration(String name) {
        List<Integer> argumentSlots = new ArrayList<>();
        Fragment query;
        scopes.push(new HashMap<>());
        try {
            if (accept("(")) {
                do {
                    String argument = identifier();
                    int start = next;
                    skipTo(Set.of(",", ")"));
                    argumentSlots.add(declare(new Variable(argument, type(source(start, next)))));
                } while (accept(","));
                expect(")");
            }
            if (!acceptWord("for")) expectWord("is");
            int start = next;
            skipTo(Set.of(";"));
            query = fragment(start, next, "", -1, -1);
        } finally {
            scopes.pop();
        }
        expect(";");
        CursorQuery cursor = new CursorQuery(query, argumentSlots);
        int slot = declare(new Variable(name, DataType.TEXT));
        cursorQueries.put(slot, cursor);
        return new Declaration(slot, null, false, cursor);
    }

    /** The variable a declaration's type tokens [from, to) make: scalar, record, {@code x%TYPE}, {@code t%ROWTYPE} or a table's row type. */
    private Variable declaredVariable(String name, int from, int to) {
        String typeText = source(from, to).trim();
        int percent = from;
        while (percent < to && !isPunctuation(tokens.get(percent), "%")) percent++;
        if (percent == to) {
            if (typeText.equalsIgnoreCase("record")) return Variable.record(name);
            if (typeText.equalsIgnoreCase("refcursor")) return new Variable(name, DataType.TEXT);  // its value is a portal's name
            try {
                return new Variable(name, type(typeText));
            } catch (DbException notAType) {
                List<String> tableName = dottedName(from, to);
                RowType row = tableName == null || catalogTypes == null ? null : catalogTypes.rowType(tableName);
                if (row == null) throw notAType;
                return Variable.row(name, row);  // a table's name is also its row type's
            }
        }
        List<String> referenced = dottedName(from, percent);
        if (referenced == null || percent + 2 != to || tokens.get(percent + 1).kind() != Kind.WORD) throw syntaxError();
        String kind = tokens.get(percent + 1).value();
        if (kind.equals("type")) {
            Integer slot = referenced.size() == 1 ? lookup(referenced.get(0)) : null;
            if (slot != null) return new Variable(name, variables.get(slot).type(), variables.get(slot).rowType());
            DataType column = referenced.size() == 1 || catalogTypes == null ? null : catalogTypes.columnType(referenced);
            // PostgreSQL reads an unresolvable %TYPE as a malformed type name
            if (column == null) throw new DbException(SqlState.SYNTAX_ERROR, "invalid type name \"" + typeText + "\"");
            return new Variable(name, column);
        }
        if (!kind.equals("rowtype")) throw syntaxError();
        RowType row = catalogTypes == null ? null : catalogTypes.rowType(referenced);
        if (row == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", referenced) + "\" does not exist");
        return Variable.row(name, row);
    }

    /** Tokens [from, to) as {@code name[.name...]}, or null when they are something else. */
    private List<String> dottedName(int from, int to) {
        List<String> parts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Token k = tokens.get(i);
            boolean name = k.kind() == Kind.WORD || k.kind() == Kind.QUOTED_IDENTIFIER;
            if ((i - from) % 2 == 0 ? !name : !isPunctuation(k, ".")) return null;
            if (name) parts.add(k.value());
        }
        return (to - from) % 2 == 1 ? parts : null;
    }

    private Handler handler() {
        List<String> conditions = new ArrayList<>();
        do {
            if (acceptWord("sqlstate")) conditions.add(string());
            else {
                String name = identifier();
                String code = Conditions.sqlState(name);
                if (code == null) throw new DbException(SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \"" + name + "\"");
                conditions.add(code);
            }
        } while (acceptWord("or"));
        expectWord("then");
        scopes.push(new HashMap<>());
        try {
            int sqlstate = declare(new Variable("sqlstate", DataType.TEXT));
            int message = declare(new Variable("sqlerrm", DataType.TEXT));
            return new Handler(conditions, statements(Set.of("when", "end")), sqlstate, message);
        } finally {
            scopes.pop();
        }
    }

    /** Statements up to (not including) one of the {@code terminators} words. */
    private List<Stmt> statements(Set<String> terminators) {
        List<Stmt> out = new ArrayList<>();
        while (!(peek().kind() == Kind.WORD && terminators.contains(peek().value()))) {
            if (at(Kind.END)) throw syntaxError();
            out.add(statement());
        }
        return out;
    }

    private Stmt statement() {
        String label = label();
        Token first = peek();
        String word = first.kind() == Kind.WORD ? first.value() : "";
        if (label != null && !Set.of("declare", "begin", "loop", "while", "for").contains(word)) throw syntaxError();
        switch (word) {
            case "declare", "begin" -> {
                Block b = block(label);
                expect(";");
                return b;
            }
            case "if" -> {
                next++;
                return ifStatement();
            }
            case "case" -> {
                if (atAssignAfterTarget()) break;
                next++;
                return caseStatement();
            }
            case "loop" -> {
                next++;
                return new Loop(label, null, loopBody(label));
            }
            case "while" -> {
                next++;
                Fragment condition = expression(Set.of("loop"));
                expectWord("loop");
                return new Loop(label, condition, loopBody(label));
            }
            case "for" -> {
                next++;
                return forStatement(label);
            }
            case "foreach" -> throw unsupported("FOREACH");
            case "exit", "continue" -> {
                if (atAssignAfterTarget()) break;
                next++;
                String target = peek().kind() == Kind.WORD && !peekWord("when") ? identifier() : null;
                Fragment when = acceptWord("when") ? expression(Set.of(";")) : null;
                expect(";");
                return new Exit(word.equals("continue"), target, when);
            }
            case "return" -> {
                next++;
                return returnStatement();
            }
            case "raise" -> {
                next++;
                return raise();
            }
            case "perform" -> {
                next++;
                int start = next;
                skipTo(Set.of(";"));
                Fragment query = fragment(start, next, "SELECT ", -1, -1);
                expect(";");
                return new Sql(query, false, List.of(), List.of(), false);
            }
            case "get" -> {
                next++;
                return getDiagnostics();
            }
            case "null" -> {
                next++;
                expect(";");
                return new Null();
            }
            case "execute" -> {
                if (atAssignAfterTarget()) break;
                next++;
                return execute();
            }
            case "assert" -> {
                next++;
                Fragment condition = expression(Set.of(",", ";"));
                Fragment message = accept(",") ? expression(Set.of(";")) : null;
                expect(";");
                return new Assert(condition, message);
            }
            case "open" -> {
                if (atAssignAfterTarget()) break;
                next++;
                Open open = open();
                expect(";");
                return open;
            }
            case "fetch", "move" -> {
                if (atAssignAfterTarget()) break;
                next++;
                return fetch(word.equals("move"));
            }
            case "close" -> {
                if (atAssignAfterTarget()) break;
                next++;
                int slot = cursorVariable();
                expect(";");
                return new Close(slot);
            }
            case "call" -> {
                if (atAssignAfterTarget()) break;
                return call();
            }
            case "commit", "rollback" -> {
                if (atAssignAfterTarget()) break;
                next++;
                if (acceptWord("and")) {
                    if (!acceptWord("no")) throw unsupported(word.toUpperCase(java.util.Locale.ROOT) + " AND CHAIN");
                    expectWord("chain");
                }
                expect(";");
                return new EndTransaction(word.equals("commit"));
            }
            default -> {
            }
        }
        if (atAssignAfterTarget()) {
            Target target = target();
            acceptAssign();
            Fragment value = expression(Set.of(";"));
            expect(";");
            return new Assign(target, value);
        }
        return sqlStatement();
    }

    /** After OPEN: {@code c [(args)]} for a bound cursor, {@code c [NO SCROLL] FOR query | FOR EXECUTE expr [USING ...]} for an unbound one. */
    private Open open() {
        int slot = cursorVariable();
        CursorQuery bound = cursorQueries.get(slot);
        if (bound != null) return new Open(slot, bound, cursorArguments(slot, bound), null, false, List.of());
        if (acceptWord("no")) expectWord("scroll");
        else if (acceptWord("scroll")) throw unsupported("SCROLL cursors");
        expectWord("for");
        if (acceptWord("execute")) {
            Fragment command = expression(Set.of(";", "using"));
            return new Open(slot, null, List.of(), command, true, using(Set.of(";")));
        }
        int start = next;
        skipTo(Set.of(";"));
        return new Open(slot, null, List.of(), fragment(start, next, "", -1, -1), false, List.of());
    }

    /** {@code (arg, ...)} after a bound cursor's name: as many as it declares (42601 otherwise, as PostgreSQL). */
    private List<Fragment> cursorArguments(int slot, CursorQuery bound) {
        List<Fragment> arguments = new ArrayList<>();
        if (accept("(")) {
            if (bound.argumentSlots().isEmpty()) throw new DbException(SqlState.SYNTAX_ERROR, "cursor \"" + variables.get(slot).name() + "\" has no arguments");
            do arguments.add(expression(Set.of(",", ")"))); while (accept(","));
            expect(")");
        }
        if (arguments.size() != bound.argumentSlots().size()) {
            throw new DbException(SqlState.SYNTAX_ERROR, arguments.isEmpty() ? "cursor \"" + variables.get(slot).name() + "\" has arguments"
                    : "wrong number of arguments for cursor \"" + variables.get(slot).name() + "\"");
        }
        return arguments;
    }

    /** After FETCH or MOVE: {@code [NEXT | FORWARD] [FROM | IN] cursor [INTO target, ...];} (other directions are not supported). */
    private Fetch fetch(boolean move) {
        if (peek().kind() == Kind.WORD && Set.of("prior", "first", "last", "absolute", "relative", "backward", "all").contains(peek().value())) {
            throw unsupported((move ? "MOVE " : "FETCH ") + peek().value().toUpperCase(java.util.Locale.ROOT));
        }
        if (!acceptWord("next")) acceptWord("forward");
        if (!acceptWord("from")) acceptWord("in");
        int slot = cursorVariable();
        List<Target> into = new ArrayList<>();
        if (!move) {
            expectWord("into");
            do into.add(target()); while (accept(","));
        }
        expect(";");
        return new Fetch(slot, into);
    }

    /** A cursor variable's name: a bound cursor or a text (refcursor) variable. */
    private int cursorVariable() {
        String name = identifier();
        Integer slot = lookup(name);
        if (slot == null || variables.get(slot).isRecord() || variables.get(slot).type().type() != DataType.TEXT.type()) {
            throw new DbException(SqlState.DATATYPE_MISMATCH, "variable \"" + name + "\" must be of type cursor or refcursor");
        }
        return slot;
    }

    /** {@code CALL [schema.]name(args);}, noting which arguments are plain variables (INOUT results go back there). */
    private Call call() {
        int start = next++;
        identifier();
        if (accept(".")) identifier();
        expect("(");
        List<Target> arguments = new ArrayList<>();
        while (!atPunctuation(")")) {
            int valueStart = next;
            skipTo(Set.of(",", ")"));
            for (int i = valueStart; i + 1 < next; i++) {
                if (isPunctuation(tokens.get(i), "=") && isPunctuation(tokens.get(i + 1), ">")) valueStart = i + 2;  // name => value
            }
            Token only = tokens.get(valueStart);
            Integer slot = next - valueStart == 1 && (only.kind() == Kind.WORD || only.kind() == Kind.QUOTED_IDENTIFIER) ? lookup(only.value()) : null;
            arguments.add(slot == null || variables.get(slot).isRecord() ? null : new Target(slot, null));
            if (!accept(",")) break;
        }
        expect(")");
        Fragment statement = fragment(start, next, "", -1, -1);
        expect(";");
        return new Call(statement, arguments);
    }

    private If ifStatement() {
        List<Fragment> conditions = new ArrayList<>();
        List<List<Stmt>> branches = new ArrayList<>();
        List<Stmt> otherwise = List.of();
        conditions.add(expression(Set.of("then")));
        expectWord("then");
        branches.add(statements(Set.of("elsif", "elseif", "else", "end")));
        while (true) {
            if (acceptWord("elsif") || acceptWord("elseif")) {
                conditions.add(expression(Set.of("then")));
                expectWord("then");
                branches.add(statements(Set.of("elsif", "elseif", "else", "end")));
            } else if (acceptWord("else")) {
                otherwise = statements(Set.of("end"));
            } else {
                break;
            }
        }
        expectWord("end");
        expectWord("if");
        expect(";");
        return new If(conditions, branches, otherwise);
    }

    private Case caseStatement() {
        Fragment operand = peekWord("when") ? null : expression(Set.of("when"));
        List<List<Fragment>> whens = new ArrayList<>();
        List<List<Stmt>> branches = new ArrayList<>();
        List<Stmt> otherwise = null;
        while (acceptWord("when")) {
            List<Fragment> values = new ArrayList<>();
            do values.add(expression(Set.of(",", "then"))); while (accept(","));
            expectWord("then");
            whens.add(values);
            branches.add(statements(Set.of("when", "else", "end")));
        }
        if (acceptWord("else")) otherwise = statements(Set.of("end"));
        expectWord("end");
        expectWord("case");
        expect(";");
        return new Case(operand, whens, branches, otherwise);
    }

    private List<Stmt> loopBody(String label) {
        List<Stmt> body = statements(Set.of("end"));
        expectWord("end");
        expectWord("loop");
        if (label != null) acceptWord(label);
        expect(";");
        return body;
    }

    private Stmt forStatement(String label) {
        int targetStart = next;
        List<String> names = new ArrayList<>();
        do names.add(identifier()); while (accept(","));
        expectWord("in");
        boolean range = isRange();
        scopes.push(new HashMap<>());
        try {
            if (range) {
                if (names.size() != 1) throw syntaxError();
                boolean reverse = acceptWord("reverse");
                Fragment from = expression(Set.of(".."));
                expect(".");
                expect(".");
                Fragment to = expression(Set.of("by", "loop"));
                Fragment step = acceptWord("by") ? expression(Set.of("loop")) : null;
                expectWord("loop");
                int slot = declare(new Variable(names.get(0), DataType.INT4));
                return new ForRange(label, slot, reverse, from, to, step, loopBody(label));
            }
            Integer cursorSlot = peek().kind() == Kind.WORD ? lookup(peek().value()) : null;
            if (cursorSlot != null && cursorQueries.containsKey(cursorSlot) && names.size() == 1) {
                next++;
                Open open = new Open(cursorSlot, cursorQueries.get(cursorSlot), cursorArguments(cursorSlot, cursorQueries.get(cursorSlot)), null, false, List.of());
                expectWord("loop");
                int recordSlot = declare(Variable.record(names.get(0)));
                return new ForCursor(label, recordSlot, open, loopBody(label));
            }
            List<Target> targets = new ArrayList<>();
            if (names.size() == 1 && lookup(names.get(0)) == null) {
                targets.add(new Target(declare(Variable.record(names.get(0))), null));
            } else {
                int saved = next;
                next = targetStart;
                do targets.add(target()); while (accept(","));
                next = saved;
            }
            boolean dynamic = acceptWord("execute");
            int start = next;
            skipTo(Set.of("loop", "using"));
            Fragment query = dynamic ? fragment(start, next, "SELECT ", -1, -1) : fragment(start, next, "", -1, -1);
            List<Fragment> using = using(Set.of("loop"));
            expectWord("loop");
            return new ForQuery(label, targets, query, dynamic, using, loopBody(label));
        } finally {
            scopes.pop();
        }
    }

    /** Whether the tokens up to LOOP hold a top-level {@code ..} (an integer range). */
    private boolean isRange() {
        int depth = 0;
        for (int i = next; i < tokens.size() - 1; i++) {
            Token k = tokens.get(i);
            if (k.kind() == Kind.END || (depth == 0 && k.kind() == Kind.WORD && k.value().equals("loop"))) return false;
            if (isPunctuation(k, "(")) depth++;
            if (isPunctuation(k, ")")) depth--;
            if (depth == 0 && isPunctuation(k, ".") && isPunctuation(tokens.get(i + 1), ".") && k.end() == tokens.get(i + 1).start()) return true;
        }
        return false;
    }

    private Stmt returnStatement() {
        if (acceptWord("next")) {
            Fragment value = atPunctuation(";") ? null : expression(Set.of(";"));
            expect(";");
            return new ReturnNext(value);
        }
        if (acceptWord("query")) {
            boolean dynamic = acceptWord("execute");
            int start = next;
            skipTo(Set.of(";", "using"));
            Fragment query = fragment(start, next, dynamic ? "SELECT " : "", -1, -1);
            List<Fragment> using = using(Set.of(";"));
            expect(";");
            return new ReturnQuery(query, dynamic, using);
        }
        Fragment value = atPunctuation(";") ? null : expression(Set.of(";"));
        if (value != null && returnValueRefused != null) throw new DbException(SqlState.DATATYPE_MISMATCH, returnValueRefused);
        expect(";");
        return new Return(value);
    }

    private Raise raise() {
        if (accept(";")) return new Raise("exception", null, List.of(), null, List.of(), List.of(), true);
        String level = "exception";
        if (peek().kind() == Kind.WORD && LEVELS.contains(peek().value())) level = take().value();
        String format = null;
        String condition = null;
        List<Fragment> arguments = new ArrayList<>();
        if (peek().kind() == Kind.STRING) {
            format = take().value();
            while (accept(",")) arguments.add(expression(Set.of(",", ";", "using")));
        } else if (acceptWord("sqlstate")) {
            condition = string();
        } else if (peek().kind() == Kind.WORD && !peekWord("using")) {
            String name = identifier();
            condition = Conditions.sqlState(name);
            if (condition == null) throw new DbException(SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \"" + name + "\"");
        }
        List<String> optionNames = new ArrayList<>();
        List<Fragment> optionValues = new ArrayList<>();
        if (acceptWord("using")) {
            do {
                optionNames.add(identifier());
                if (!acceptAssign()) throw syntaxError();
                optionValues.add(expression(Set.of(",", ";")));
            } while (accept(","));
        }
        expect(";");
        return new Raise(level, format, arguments, condition, optionNames, optionValues, false);
    }

    private GetDiagnostics getDiagnostics() {
        if (acceptWord("stacked")) throw unsupported("GET STACKED DIAGNOSTICS");
        acceptWord("current");
        expectWord("diagnostics");
        List<Target> targets = new ArrayList<>();
        List<String> items = new ArrayList<>();
        do {
            targets.add(target());
            if (!acceptAssign()) throw syntaxError();
            String item = identifier();
            if (!item.equals("row_count")) throw unsupported("GET DIAGNOSTICS " + item);
            items.add(item);
        } while (accept(","));
        expect(";");
        return new GetDiagnostics(targets, items);
    }

    private Sql execute() {
        int start = next;
        skipTo(Set.of(";", "into", "using"));
        Fragment command = fragment(start, next, "SELECT ", -1, -1);
        List<Target> into = new ArrayList<>();
        boolean strict = false;
        if (acceptWord("into")) {
            strict = acceptWord("strict");
            do into.add(target()); while (accept(","));
        }
        List<Fragment> using = using(Set.of(";"));
        expect(";");
        return new Sql(command, true, using, into, strict);
    }

    private List<Fragment> using(Set<String> end) {
        List<Fragment> using = new ArrayList<>();
        if (!acceptWord("using")) return using;
        Set<String> stops = new java.util.HashSet<>(end);
        stops.add(",");
        do using.add(expression(stops)); while (accept(","));
        return using;
    }

    /** An embedded SQL statement, with its INTO [STRICT] targets taken out. */
    private Sql sqlStatement() {
        int start = next;
        skipTo(Set.of(";"));
        int end = next;
        String first = tokens.get(start).value();
        boolean dml = Set.of("insert", "update", "delete", "merge").contains(first);
        int intoAt = -1;
        int depth = 0;
        boolean returningSeen = false;
        for (int i = start; i < end; i++) {
            Token k = tokens.get(i);
            if (isPunctuation(k, "(")) depth++;
            if (isPunctuation(k, ")")) depth--;
            if (depth != 0 || k.kind() != Kind.WORD) continue;
            if (k.value().equals("returning")) returningSeen = true;
            if (k.value().equals("into") && (dml ? returningSeen : i == start || !tokens.get(i - 1).value().equals("insert"))) {
                intoAt = i;
                break;
            }
        }
        List<Target> into = new ArrayList<>();
        boolean strict = false;
        int intoEnd = -1;
        if (intoAt >= 0) {
            next = intoAt + 1;
            strict = acceptWord("strict");
            do into.add(target()); while (accept(","));
            intoEnd = next;
            next = end;
        }
        Fragment statement = fragment(start, end, "", intoAt, intoEnd);
        expect(";");
        return new Sql(statement, false, List.of(), into, strict);
    }

    // ---- expressions and fragments ----

    /** An expression up to one of {@code stops} (words or punctuation) at depth 0, as {@code SELECT expr}. */
    private Fragment expression(Set<String> stops) {
        int start = next;
        skipTo(stops);
        if (next == start) throw syntaxError();
        return fragment(start, next, "SELECT ", -1, -1);
    }

    /** Tokens [from, to) without [skipFrom, skipTo) as SQL after {@code prefix}, variables replaced by parameters. */
    private Fragment fragment(int from, int to, String prefix, int skipFrom, int skipTo) {
        String source = from < to ? text.substring(tokens.get(from).start(), tokens.get(to - 1).end()) : "";
        return Substitution.rewrite(text, tokens, from, to, skipFrom, skipTo, prefix, this::lookup, variables, source);
    }

    // ---- names and scopes ----

    private int declare(Variable v) {
        variables.add(v);
        int slot = variables.size() - 1;
        scopes.peek().put(v.name(), slot);
        return slot;
    }

    /** The innermost slot named {@code name}, or null. */
    Integer lookup(String name) {
        for (Map<String, Integer> scope : scopes) {
            Integer slot = scope.get(name);
            if (slot != null) return slot;
        }
        return null;
    }

    /** {@code $n} (a parameter by position) as its name, consumed; null when the next tokens are something else. */
    private String positionalName() {
        if (!atPositional(0)) return null;
        next++;
        return "$" + take().value();
    }

    /** Whether {@code $n} starts {@code ahead} tokens on. */
    private boolean atPositional(int ahead) {
        Token dollar = peek(ahead), number = peek(ahead + 1);
        return isPunctuation(dollar, "$") && number.kind() == Kind.NUMBER && number.start() == dollar.end();
    }

    private Target target() {
        String positional = positionalName();
        String name = positional != null ? positional : identifier();
        Integer slot = lookup(name);
        if (slot == null) throw new DbException(SqlState.SYNTAX_ERROR, "\"" + name + "\" is not a known variable");
        String field = null;
        if (accept(".")) field = identifier();
        if (field != null && !variables.get(slot).isRecord()) throw new DbException(SqlState.SYNTAX_ERROR, "\"" + name + "\" is not a record");
        return new Target(slot, field);
    }

    /** Whether a {@code name [.field] :=} assignment starts here. */
    private boolean atAssignAfterTarget() {
        Token a = peek();
        if (atPositional(0)) return (isPunctuation(peek(2), ":") && isPunctuation(peek(3), "=")) || isPunctuation(peek(2), "=");
        if (a.kind() != Kind.WORD && a.kind() != Kind.QUOTED_IDENTIFIER) return false;
        int i = 1;
        if (isPunctuation(peek(1), ".") && (peek(2).kind() == Kind.WORD || peek(2).kind() == Kind.QUOTED_IDENTIFIER)) i = 3;
        return (isPunctuation(peek(i), ":") && isPunctuation(peek(i + 1), "=")) || isPunctuation(peek(i), "=");
    }

    /** {@code <<label>>} or null. */
    private String label() {
        if (!(atPunctuation("<") && isPunctuation(peek(1), "<"))) return null;
        next += 2;
        String label = identifier();
        expect(">");
        expect(">");
        return label;
    }

    private static DataType type(String typeText) {
        try {
            return Casts.parseTypeName(typeText.toLowerCase(java.util.Locale.ROOT));
        } catch (DbException e) {
            throw new DbException(SqlState.UNDEFINED_OBJECT, "type \"" + typeText + "\" does not exist");
        }
    }
}
