package io.tableos.db.sql.plpgsql;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.StatementRunner;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.plpgsql.Ast.*;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.txn.Transaction;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlRow;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.TextFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one call of a parsed body over its frame ({@code values}, one per slot). SQL goes through
 * the {@link StatementRunner} in the caller's transaction; a block with EXCEPTION handlers runs
 * under a savepoint, rolled back when a handler catches, so the block's writes are undone as in
 * PostgreSQL. A procedure or DO block that may end transactions ({@code transactionControl}) goes on
 * after COMMIT or ROLLBACK in the session's next transaction, with a new context. One instance per
 * call; not thread-safe.
 */
final class Interpreter {
    private final List<Variable> variables;
    private final Object[] values;
    private final int foundSlot;
    private StatementRunner runner;
    private Transaction transaction;
    private ExecContext ctx;
    /** Whether COMMIT and ROLLBACK may end the session's transaction (see SessionInfo.swapTransactionControl). */
    private final boolean transactionControl;
    /** EXCEPTION blocks running: their savepoints forbid COMMIT and ROLLBACK, as PostgreSQL's subtransactions do. */
    private int savepointsHeld;
    /** RETURN NEXT / RETURN QUERY rows of a set-returning function; bounded like a statement's rows. */
    private final List<Object[]> rows = new ArrayList<>();
    /** RETURNS TABLE's columns, whose current values RETURN NEXT without an expression emits. */
    private final int[] outSlots;
    private long rowCount;
    /** The error the innermost running handler caught (for a bare RAISE). */
    private DbException handling;
    private final Cursors cursors = new Cursors();

    Interpreter(List<Variable> variables, Object[] values, int foundSlot, int[] outSlots, ExecContext ctx, boolean transactionControl) {
        this.transactionControl = transactionControl;
        this.variables = variables;
        this.values = values;
        this.foundSlot = foundSlot;
        this.outSlots = outSlots;
        this.ctx = ctx;
        this.transaction = ctx.transaction();
        this.runner = ctx.session().statementRunner(transaction);
    }

    /** Runs the body; the value of its RETURN (a RecordValue for a record), or null. */
    Object run(Block body) {
        try {
            block(body);
            return null;
        } catch (Signals.Return r) {
            return r.value;
        } catch (Signals.Exit e) {
            throw new DbException(SqlState.SYNTAX_ERROR, e.again ? "CONTINUE cannot be used outside a loop" : "EXIT cannot be used outside a loop");
        }
    }

    List<Object[]> rows() {
        return rows;
    }

    private void execute(List<Stmt> statements) {
        for (Stmt s : statements) {
            ctx.checkInterrupts();
            execute(s);
        }
    }

    private void execute(Stmt s) {
        if (s instanceof Block b) block(b);
        else if (s instanceof Assign a) store(a.target(), isWholeRecord(a.target()) ? valueOrRecord(a.value()) : eval(a.value()));
        else if (s instanceof If i) ifStatement(i);
        else if (s instanceof Case c) caseStatement(c);
        else if (s instanceof Loop l) loop(l);
        else if (s instanceof ForRange f) forRange(f);
        else if (s instanceof ForQuery f) forQuery(f);
        else if (s instanceof Exit e) {
            if (e.when() == null || isTrue(eval(e.when()))) throw new Signals.Exit(e.label(), e.again());
        } else if (s instanceof Return r) throw new Signals.Return(r.value() == null ? null : RecordValue.asValue(valueOrRecord(r.value())));
        else if (s instanceof ReturnNext r) returnNext(r);
        else if (s instanceof ReturnQuery q) {
            StatementRunner.Outcome o = q.dynamic() ? dynamic(q.query(), q.using()) : run(q.query());
            for (Object[] row : o.rows()) addRow(row);
            rowCount = o.rows().size();
            values[foundSlot] = rowCount > 0;
        } else if (s instanceof Sql q) sql(q);
        else if (s instanceof Raise r) raise(r);
        else if (s instanceof GetDiagnostics g) {
            for (Target t : g.targets()) store(t, rowCount);
        } else if (s instanceof Assert a) {
            if (!isTrue(eval(a.condition()))) {
                Object message = a.message() == null ? null : eval(a.message());
                throw new DbException("P0004", message == null ? "assertion failed" : message.toString());
            }
        } else if (s instanceof Open o) open(o);
        else if (s instanceof Fetch f) fetch(f);
        else if (s instanceof Close c) cursors.close(cursorName(c.slot()));
        else if (s instanceof ForCursor f) forCursor(f);
        else if (s instanceof Call c) call(c);
        else if (s instanceof EndTransaction e) endTransaction(e.commit());
        else if (!(s instanceof Null)) {
            throw new IllegalStateException("no interpretation for " + s);
        }
    }

    private void block(Block b) {
        for (Declaration d : b.declarations()) {
            Variable v = variables.get(d.slot());
            if (d.cursor() != null) values[d.slot()] = v.name();  // a bound cursor's portal is named after its variable
            else if (d.initial() == null) values[d.slot()] = v.rowType() == null ? null : v.rowType().empty();
            else if (v.isRecord()) store(new Target(d.slot(), null), valueOrRecord(d.initial()));
            else values[d.slot()] = Casts.cast(eval(d.initial()), v.type());
            if (d.notNull() && values[d.slot()] == null) {
                throw new DbException(SqlState.NOT_NULL_VIOLATION, "null value cannot be assigned to variable \"" + v.name() + "\" declared NOT NULL");
            }
        }
        try {
            if (b.handlers().isEmpty()) execute(b.body());
            else guarded(b);
        } catch (Signals.Exit e) {
            if (e.again || e.label == null || !e.label.equals(b.label())) throw e;
        }
    }

    /** A block with handlers: its writes are undone when a handler catches (savepoint semantics). */
    private void guarded(Block b) {
        int savepoint = transaction.savepoint();
        savepointsHeld++;
        try {
            execute(b.body());
            transaction.releaseSavepoint(savepoint);
        } catch (Signals.Return | Signals.Exit signal) {
            transaction.releaseSavepoint(savepoint);
            throw signal;
        } catch (DbException error) {
            Handler handler = handlerFor(b.handlers(), error.sqlState());
            if (handler == null) throw error;
            transaction.rollbackToSavepoint(savepoint);
            transaction.releaseSavepoint(savepoint);
            values[handler.sqlstateSlot()] = error.sqlState();
            values[handler.messageSlot()] = error.getMessage();
            DbException outer = handling;
            handling = error;
            try {
                execute(handler.body());
            } finally {
                handling = outer;
            }
        } finally {
            savepointsHeld--;
        }
    }

    private static Handler handlerFor(List<Handler> handlers, String sqlState) {
        for (Handler h : handlers) {
            for (String condition : h.conditions()) if (Conditions.matches(condition, sqlState)) return h;
        }
        return null;
    }

    private void ifStatement(If i) {
        for (int k = 0; k < i.conditions().size(); k++) {
            if (isTrue(eval(i.conditions().get(k)))) {
                execute(i.branches().get(k));
                return;
            }
        }
        execute(i.otherwise());
    }

    private void caseStatement(Case c) {
        Object operand = c.operand() == null ? null : eval(c.operand());
        for (int k = 0; k < c.whens().size(); k++) {
            for (Fragment when : c.whens().get(k)) {
                Object v = eval(when);
                if (c.operand() == null ? isTrue(v) : sqlEquals(operand, v)) {
                    execute(c.branches().get(k));
                    return;
                }
            }
        }
        if (c.otherwise() == null) throw new DbException(SqlState.CASE_NOT_FOUND, "case not found", null,
                "CASE statement is missing ELSE part.", 0, null);
        execute(c.otherwise());
    }

    private void loop(Loop l) {
        while (l.condition() == null || isTrue(eval(l.condition()))) {
            if (!iteration(l.label(), l.body())) return;
        }
    }

    private void forRange(ForRange f) {
        Object fromValue = Casts.cast(eval(f.from()), DataType.INT8);
        Object toValue = Casts.cast(eval(f.to()), DataType.INT8);
        Object stepValue = f.step() == null ? 1L : Casts.cast(eval(f.step()), DataType.INT8);
        if (fromValue == null || toValue == null || stepValue == null) {
            throw new DbException(SqlState.NOT_NULL_VIOLATION, "lower and upper bounds of FOR loop cannot be null");
        }
        long step = (Long) stepValue;
        if (step <= 0) throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "BY value of FOR loop must be greater than zero");
        long from = (Long) fromValue, to = (Long) toValue;
        boolean found = false;
        for (long i = from; f.reverse() ? i >= to : i <= to; i = f.reverse() ? i - step : i + step) {
            found = true;
            values[f.slot()] = (int) i;
            if (!iteration(f.label(), f.body())) break;
        }
        values[foundSlot] = found;
    }

    private void forQuery(ForQuery f) {
        StatementRunner.Outcome o = f.dynamic() ? dynamic(f.query(), f.using()) : run(f.query());
        for (Object[] row : o.rows()) {
            assign(f.targets(), o.columns(), row);
            if (!iteration(f.label(), f.body())) break;
        }
        values[foundSlot] = !o.rows().isEmpty();
    }

    /** COMMIT or ROLLBACK in a procedure or DO block: the body goes on in the session's next transaction. */
    private void endTransaction(boolean commit) {
        if (!transactionControl) throw new DbException(SqlState.INVALID_TRANSACTION_TERMINATION, "invalid transaction termination");
        if (savepointsHeld > 0) {
            throw new DbException(SqlState.INVALID_TRANSACTION_TERMINATION, commit ? "cannot commit while a subtransaction is active"
                    : "cannot roll back while a subtransaction is active");
        }
        continueIn(ctx.session().endTransaction(commit));
    }

    private void continueIn(ExecContext next) {
        if (next == ctx) return;
        ctx = next;
        transaction = next.transaction();
        runner = next.session().statementRunner(transaction);
    }

    /**
     * CALL: the procedure's INOUT results go back into the variables passed for them, as in PostgreSQL. A body that may end
     * transactions (outside EXCEPTION blocks) lets the procedure end them too, and goes on in whatever transaction is open after.
     */
    private void call(Call c) {
        boolean grant = transactionControl && savepointsHeld == 0;
        StatementRunner.Outcome o;
        boolean previous = ctx.session().swapTransactionControl(grant);
        try {
            o = run(c.statement());
        } finally {
            ctx.session().swapTransactionControl(previous);
        }
        if (grant) continueIn(ctx.session().continueAfterCall(ctx));
        if (o.columns().isEmpty() || o.rows().isEmpty()) return;
        Object[] row = o.rows().get(0);
        for (int k = 0; k < row.length; k++) {
            int at = o.outputArguments()[k];
            Target target = at < 0 || at >= c.arguments().size() ? null : c.arguments().get(at);
            if (target == null) {
                throw new DbException(SqlState.SYNTAX_ERROR, "procedure parameter \"" + o.columns().get(k).name()
                        + "\" is an output parameter but corresponding argument is not writable");
            }
            store(target, row[k]);
        }
    }

    // ---- cursors ----

    /** Opens a cursor: its rows are read now; a null unbound variable gets a new portal name. Returns the portal's name. */
    private String open(Open o) {
        if (values[o.slot()] == null) values[o.slot()] = cursors.newName();
        String name = (String) values[o.slot()];
        cursors.checkClosed(name);
        StatementRunner.Outcome result;
        if (o.bound() != null) {
            for (int i = 0; i < o.arguments().size(); i++) {
                int slot = o.bound().argumentSlots().get(i);
                values[slot] = Casts.cast(eval(o.arguments().get(i)), variables.get(slot).type());
            }
            result = run(o.bound().query());
        } else {
            result = o.dynamic() ? dynamic(o.query(), o.using()) : run(o.query());
        }
        cursors.open(name, result);
        return name;
    }

    private void fetch(Fetch f) {
        String name = cursorName(f.slot());
        Object[] row = cursors.fetch(name);
        values[foundSlot] = row != null;
        if (f.into().isEmpty()) return;
        StatementRunner.Outcome result = cursors.result(name);
        assign(f.into(), result.columns(), row != null ? row : new Object[result.columns().size()]);
    }

    private void forCursor(ForCursor f) {
        String name = open(f.open());
        boolean found = false;
        try {
            List<ResultColumn> columns = cursors.result(name).columns();
            List<Target> record = List.of(new Target(f.recordSlot(), null));
            for (Object[] row = cursors.fetch(name); row != null; row = cursors.fetch(name)) {
                found = true;
                assign(record, columns, row);
                if (!iteration(f.label(), f.body())) break;
            }
        } finally {
            cursors.closeIfOpen(name);
        }
        values[foundSlot] = found;
    }

    /** The portal a cursor variable names (22004 when it is null, as PostgreSQL). */
    private String cursorName(int slot) {
        Object name = values[slot];
        if (name == null) throw new DbException(SqlState.NULL_VALUE_NOT_ALLOWED, "cursor variable \"" + variables.get(slot).name() + "\" is null");
        return name.toString();
    }

    /** Runs a loop body once; false when it EXITed this loop. */
    private boolean iteration(String label, List<Stmt> body) {
        try {
            execute(body);
            return true;
        } catch (Signals.Exit e) {
            if (e.label != null && !e.label.equals(label)) throw e;
            return e.again;
        }
    }

    private void returnNext(ReturnNext r) {
        if (r.value() == null) {
            Object[] row = new Object[outSlots.length];
            for (int i = 0; i < row.length; i++) row[i] = values[outSlots[i]];
            addRow(row);
            return;
        }
        Object v = valueOrRecord(r.value());
        addRow(v instanceof RecordValue rec ? rec.values().clone() : new Object[] {v});
    }

    private void addRow(Object[] row) {
        Limits.check(rows.size() + 1, Limits.DML_ROWS_MAX, "function result");
        rows.add(row);
    }

    private void sql(Sql q) {
        StatementRunner.Outcome o = q.dynamic() ? dynamic(q.statement(), q.using()) : run(q.statement());
        rowCount = o.rowCount();
        if (!q.dynamic()) values[foundSlot] = rowCount > 0;
        if (q.into().isEmpty()) return;
        List<Object[]> result = o.rows();
        if (q.strict() && result.isEmpty()) throw new DbException(SqlState.NO_DATA_FOUND, "query returned no rows");
        if (q.strict() && result.size() > 1) throw new DbException(SqlState.TOO_MANY_ROWS, "query returned more than one row");
        Object[] row = result.isEmpty() ? new Object[o.columns().size()] : result.get(0);
        assign(q.into(), o.columns(), row);
    }

    /**
     * INTO / FOR targets: one record takes the whole row (a row-typed one by position into its own fields), else the columns go
     * to the targets in order.
     */
    private void assign(List<Target> targets, List<ResultColumn> columns, Object[] row) {
        if (targets.size() == 1 && targets.get(0).field() == null && variables.get(targets.get(0).slot()).rowType() != null) {
            values[targets.get(0).slot()] = byPosition(variables.get(targets.get(0).slot()).rowType(), row, columns.size());
            return;
        }
        if (targets.size() == 1 && targets.get(0).field() == null && variables.get(targets.get(0).slot()).isRecord()) {
            List<String> names = new ArrayList<>();
            List<DataType> types = new ArrayList<>();
            for (ResultColumn c : columns) {
                names.add(c.name());
                types.add(c.type());
            }
            values[targets.get(0).slot()] = new RecordValue(names, types, java.util.Arrays.copyOf(row, columns.size()));
            return;
        }
        for (int i = 0; i < targets.size(); i++) store(targets.get(i), i < row.length ? row[i] : null);
    }

    private void raise(Raise r) {
        if (r.rethrow()) {
            if (handling == null) throw new DbException("0Z002", "RAISE without parameters cannot be used outside an exception handler");
            throw handling;
        }
        String message = r.format() == null ? null : format(r.format(), r.arguments());
        String detail = null, hint = null, code = r.condition();
        for (int i = 0; i < r.optionNames().size(); i++) {
            Object v = eval(r.optionValues().get(i));
            String text = v == null ? null : Casts.toText(v);
            switch (r.optionNames().get(i)) {
                case "message" -> message = text;
                case "detail" -> detail = text;
                case "hint" -> hint = text;
                case "errcode" -> code = text == null ? null : Conditions.code(text);
                default -> { }
            }
        }
        if (!r.level().equals("exception")) return;  // NOTICE and lower levels are not sent to the client yet
        if (code == null) code = SqlState.RAISE_EXCEPTION;
        if (message == null) message = r.condition() != null ? r.condition() : code;
        throw new DbException(code, message, detail, hint, 0, null);
    }

    /** RAISE's format: each % takes the next argument's text form (NULL as {@code <NULL>}); %% is a percent sign. */
    private String format(String format, List<Fragment> arguments) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
            } else if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
                out.append('%');
                i++;
            } else {
                if (next >= arguments.size()) throw new DbException(SqlState.SYNTAX_ERROR, "too few parameters specified for RAISE");
                Object v = eval(arguments.get(next++));
                out.append(v == null ? "<NULL>" : TextFormat.format(v, Casts.typeOfValue(v)));  // the output function: a boolean is t, not true
            }
        }
        if (next < arguments.size()) throw new DbException(SqlState.SYNTAX_ERROR, "too many parameters specified for RAISE");
        return out.toString();
    }

    // ---- values ----

    /**
     * A fragment's single value; a fragment that is just a record variable (RETURN NEW) yields the record itself, and a row
     * value (RETURN COALESCE(NEW, OLD), r := ROW(1, 2)) a record of its fields.
     */
    private Object valueOrRecord(Fragment f) {
        if (f.refs().size() == 1 && f.refs().get(0).field() == null && f.refs().get(0).slot() >= 0 && variables.get(f.refs().get(0).slot()).isRecord()
                && f.sql().trim().equals("SELECT $1")) {
            return values[f.refs().get(0).slot()];
        }
        Object value = eval(f);
        return value instanceof SqlRow row ? RecordValue.of(row) : value;
    }

    private Object eval(Fragment f) {
        StatementRunner.Outcome o = run(f);
        if (o.columns().size() != 1) throw new DbException(SqlState.SYNTAX_ERROR, "query \"" + f.source() + "\" returned " + o.columns().size() + " columns");
        if (o.rows().size() > 1) throw new DbException(SqlState.CARDINALITY_VIOLATION, "query \"" + f.source() + "\" returned more than one row");
        return o.rows().isEmpty() ? null : o.rows().get(0)[0];
    }

    private StatementRunner.Outcome run(Fragment f) {
        BoundFragment bound = BoundFragment.bind(f, variables, values);
        return runner.run(bound.sql(), bound.parameterOids(), bound.parameters());
    }

    /** EXECUTE: the command is the text the fragment computes, its parameters USING's values. */
    private StatementRunner.Outcome dynamic(Fragment command, List<Fragment> using) {
        Object text = eval(command);
        if (text == null) throw new DbException(SqlState.NOT_NULL_VIOLATION, "query string argument of EXECUTE is null");
        Object[] parameters = new Object[using.size()];
        int[] oids = new int[using.size()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = eval(using.get(i));
            oids[i] = parameters[i] == null ? 0 : Casts.typeOfValue(parameters[i]).oid();
        }
        return runner.run(text.toString(), oids, parameters);
    }

    private RecordValue record(Variable v, int slot) {
        return BoundFragment.assigned(v, values[slot]);
    }

    private void store(Target target, Object value) {
        Variable v = variables.get(target.slot());
        if (target.field() != null) {
            RecordValue r = record(v, target.slot());
            int i = r.index(v.name(), target.field());
            if (r.isNull()) {  // assigning a field of a null row (NEW in a DELETE trigger) makes it a row, as in PostgreSQL
                r = new RecordValue(r.names(), r.types(), r.values().clone());
                values[target.slot()] = r;
            }
            r.values()[i] = Casts.cast(value, r.types().get(i));
        } else if (v.isRecord()) {
            value = RecordValue.asValue(value);  // a null row assigned whole leaves the record unassigned, as in PostgreSQL
            if (value != null && !(value instanceof RecordValue)) {
                throw new DbException(SqlState.DATATYPE_MISMATCH, "cannot assign a scalar to record variable \"" + v.name() + "\"");
            }
            if (v.rowType() == null) values[target.slot()] = value == null ? null : copy((RecordValue) value);  // assignment copies, as in PostgreSQL
            else if (value == null) values[target.slot()] = v.rowType().empty();
            else values[target.slot()] = byPosition(v.rowType(), ((RecordValue) value).values(), ((RecordValue) value).values().length);
        } else {
            values[target.slot()] = Casts.cast(value, v.type());
        }
    }

    private static RecordValue copy(RecordValue r) {
        return new RecordValue(r.names(), r.types(), r.values().clone(), r.isNull());
    }

    /** A row-typed variable's new value: the first {@code width} values of {@code row}, cast to its fields' types, the rest null. */
    private static RecordValue byPosition(RowType rowType, Object[] row, int width) {
        Object[] fields = new Object[rowType.names().size()];
        for (int i = 0; i < fields.length && i < width; i++) fields[i] = Casts.cast(row[i], rowType.types().get(i));
        return new RecordValue(rowType.names(), rowType.types(), fields);
    }

    private boolean isWholeRecord(Target target) {
        return target.field() == null && variables.get(target.slot()).isRecord();
    }

    private static boolean isTrue(Object v) {
        return Boolean.TRUE.equals(v);
    }

    private static boolean sqlEquals(Object a, Object b) {
        if (a == null || b == null) return false;
        if (a instanceof Number x && b instanceof Number y) return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        return a.equals(Casts.cast(b, Casts.typeOfValue(a)));
    }
}
