package io.tableos.db.sql.plpgsql;

import java.util.List;

/** The statement tree of a PL/pgSQL body. Variables are slots of a frame, numbered at parse time. */
final class Ast {
    private Ast() {}

    sealed interface Stmt {}

    /** Where a value is stored: a variable, or a field of a record variable (NEW.x). */
    record Target(int slot, String field) {}

    /** {@code cursor} not null: a bound cursor variable ({@code c CURSOR FOR query}), whose value starts as its own name. */
    record Declaration(int slot, Fragment initial, boolean notNull, CursorQuery cursor) {}

    /** A bound cursor's query; OPEN c(args) stores the arguments in {@code argumentSlots} before running it. */
    record CursorQuery(Fragment query, List<Integer> argumentSlots) {}

    /** {@code WHEN cond [OR cond] THEN}: SQLSTATEs, class prefixes (two characters) or "others". */
    record Handler(List<String> conditions, List<Stmt> body, int sqlstateSlot, int messageSlot) {}

    record Block(String label, List<Declaration> declarations, List<Stmt> body, List<Handler> handlers) implements Stmt {}

    record Assign(Target target, Fragment value) implements Stmt {}

    record If(List<Fragment> conditions, List<List<Stmt>> branches, List<Stmt> otherwise) implements Stmt {}

    /** Searched CASE when {@code operand} is null; {@code otherwise} null raises 20000 when nothing matched. */
    record Case(Fragment operand, List<List<Fragment>> whens, List<List<Stmt>> branches, List<Stmt> otherwise) implements Stmt {}

    /** LOOP, and WHILE when {@code condition} is not null. */
    record Loop(String label, Fragment condition, List<Stmt> body) implements Stmt {}

    record ForRange(String label, int slot, boolean reverse, Fragment from, Fragment to, Fragment step, List<Stmt> body) implements Stmt {}

    /** FOR target IN query (or EXECUTE dynamic USING ...) LOOP. */
    record ForQuery(String label, List<Target> targets, Fragment query, boolean dynamic, List<Fragment> using, List<Stmt> body)
            implements Stmt {}

    /** EXIT or CONTINUE ({@code again}), of the labelled loop or the innermost. */
    record Exit(boolean again, String label, Fragment when) implements Stmt {}

    record Return(Fragment value) implements Stmt {}

    record ReturnNext(Fragment value) implements Stmt {}

    record ReturnQuery(Fragment query, boolean dynamic, List<Fragment> using) implements Stmt {}

    /** An SQL statement, PERFORM (a query whose rows are discarded), or EXECUTE; INTO targets when {@code into} is not empty. */
    record Sql(Fragment statement, boolean dynamic, List<Fragment> using, List<Target> into, boolean strict) implements Stmt {}

    /**
     * RAISE. {@code level} exception/notice/...; {@code format} null with a condition only; {@code condition} a SQLSTATE or null;
     * options USING name = expr. {@code rethrow}: bare RAISE inside a handler.
     */
    record Raise(String level, String format, List<Fragment> arguments, String condition, List<String> optionNames,
                 List<Fragment> optionValues, boolean rethrow) implements Stmt {}

    /** GET DIAGNOSTICS target = ROW_COUNT (the only item kept). */
    record GetDiagnostics(List<Target> targets, List<String> items) implements Stmt {}

    record Assert(Fragment condition, Fragment message) implements Stmt {}

    /** OPEN of cursor variable {@code slot}: its bound query ({@code bound}) with {@code arguments}, or {@code query} (EXECUTE when dynamic). */
    record Open(int slot, CursorQuery bound, List<Fragment> arguments, Fragment query, boolean dynamic, List<Fragment> using) implements Stmt {}

    /** FETCH [NEXT] FROM cursor INTO targets, or MOVE [NEXT] ({@code into} empty): one row forward, FOUND telling whether there was one. */
    record Fetch(int slot, List<Target> into) implements Stmt {}

    record Close(int slot) implements Stmt {}

    /** FOR record IN bound cursor [(args)] LOOP: opens it, runs the body per row, closes it however the loop ends. */
    record ForCursor(String label, int recordSlot, Open open, List<Stmt> body) implements Stmt {}

    /**
     * CALL of a procedure: {@code arguments} holds, per argument as written (the value of a {@code name => value} one), the
     * variable it is (where an INOUT parameter's value is written back afterwards) or null.
     */
    record Call(Fragment statement, List<Target> arguments) implements Stmt {}

    /** COMMIT ({@code commit}) or ROLLBACK in a procedure or DO block. */
    record EndTransaction(boolean commit) implements Stmt {}

    record Null() implements Stmt {}
}
