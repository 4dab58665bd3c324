package io.tableos.db.sql.exec;

import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Built-in server-side procedures, callable as {@code SELECT * FROM schema.proc(args)} or
 * {@code SELECT schema.proc(args)}. Each call runs whole through
 * {@link io.tableos.db.txn.TransactionManager#runProcedure} (VoltDB-style: never conflicts)
 * in its own transaction, separate from the caller's; inside a client's BEGIN ... COMMIT it
 * runs in that transaction instead (enqueue work atomically with the application's writes).
 * Thread-safe.
 *
 * <p>A long-polling procedure names its wait argument (milliseconds): when its body returns
 * a {@link CommitWait}, the calling session waits (not the commit path) and calls it again.
 */
public final class ProcedureRegistry {

    /**
     * @param longPollParameter index of the wait-milliseconds argument, or -1
     * @param readOnly the body only reads: a call runs in the calling statement's transaction and
     *                 snapshot (on any node) instead of taking a turn on the leader's commit path
     */
    public record Procedure(String qualifiedName, List<ProcedureParameter> parameters, List<ResultColumn> resultColumns,
                            ProcedureBody body, int longPollParameter, boolean readOnly) {
        public List<DataType> argTypes() {
            List<DataType> types = new ArrayList<>(parameters.size());
            for (ProcedureParameter p : parameters) types.add(p.type());
            return types;
        }
    }

    private final Map<String, Procedure> procedures = new ConcurrentHashMap<>();

    /** A procedure whose arguments are all required and passed by position. */
    public void register(String qualifiedName, List<DataType> argTypes, List<ResultColumn> resultColumns, ProcedureBody body) {
        List<ProcedureParameter> parameters = new ArrayList<>();
        for (int i = 0; i < argTypes.size(); i++) parameters.add(ProcedureParameter.required("$" + (i + 1), argTypes.get(i)));
        register(qualifiedName, parameters, resultColumns, body, null);
    }

    /**
     * @param qualifiedName {@code schema.name}, lower case
     * @param longPollParameter the name of the wait-milliseconds parameter, or null when the procedure never waits
     */
    public void register(String qualifiedName, List<ProcedureParameter> parameters, List<ResultColumn> resultColumns,
                         ProcedureBody body, String longPollParameter) {
        register(qualifiedName, parameters, resultColumns, body, longPollParameter, false);
    }

    /** As above; {@code readOnly}: see {@link Procedure#readOnly()}. */
    public void register(String qualifiedName, List<ProcedureParameter> parameters, List<ResultColumn> resultColumns,
                         ProcedureBody body, String longPollParameter, boolean readOnly) {
        if (!qualifiedName.contains(".")) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "procedure name must be schema-qualified: " + qualifiedName);
        }
        int longPoll = -1;
        boolean defaults = false;
        for (int i = 0; i < parameters.size(); i++) {
            ProcedureParameter p = parameters.get(i);
            if (p.name().equals(longPollParameter)) longPoll = i;
            if (defaults && !p.hasDefault()) {
                throw new IllegalArgumentException(qualifiedName + ": parameter " + p.name() + " follows one with a default");
            }
            defaults |= p.hasDefault();
        }
        if (longPollParameter != null && longPoll < 0) {
            throw new IllegalArgumentException(qualifiedName + " has no parameter " + longPollParameter);
        }
        procedures.put(qualifiedName, new Procedure(qualifiedName, List.copyOf(parameters), List.copyOf(resultColumns), body, longPoll, readOnly));
    }

    /** The procedure, or null. */
    public Procedure find(String qualifiedName) {
        return procedures.get(qualifiedName);
    }

    public java.util.Collection<Procedure> all() {
        return procedures.values();
    }
}
