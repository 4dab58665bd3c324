package io.tableos.db.sql.exec;

import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Built-in server-side procedures, callable as {@code SELECT * FROM schema.proc(args)} or
 * {@code SELECT schema.proc(args)}. Each call runs whole through
 * {@link io.tableos.db.txn.TransactionManager#runProcedure} (VoltDB-style: never conflicts)
 * in its own transaction, separate from the caller's. Thread-safe.
 */
public final class ProcedureRegistry {

    public record Procedure(String qualifiedName, List<DataType> argTypes, List<ResultColumn> resultColumns, ProcedureBody body) {}

    private final Map<String, Procedure> procedures = new ConcurrentHashMap<>();

    /** @param qualifiedName {@code schema.name}, lower case */
    public void register(String qualifiedName, List<DataType> argTypes, List<ResultColumn> resultColumns, ProcedureBody body) {
        if (!qualifiedName.contains(".")) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "procedure name must be schema-qualified: " + qualifiedName);
        }
        procedures.put(qualifiedName, new Procedure(qualifiedName, List.copyOf(argTypes), List.copyOf(resultColumns), body));
    }

    /** The procedure, or null. */
    public Procedure find(String qualifiedName) {
        return procedures.get(qualifiedName);
    }

    public java.util.Collection<Procedure> all() {
        return procedures.values();
    }
}
