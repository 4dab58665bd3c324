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
 * <p>A long-polling procedure names its wait argument (milliseconds, or seconds): when its body
 * returns a {@link CommitWait}, the calling session waits (not the commit path) and calls it again.
 *
 * <p>A name may carry several procedures (overloads, as PostgreSQL's {@code pgmq.delete(text,
 * bigint)} and {@code pgmq.delete(text, bigint[])}): the planner picks one by its arguments'
 * types ({@code sql.plan.ProcedureOverloads}); {@link #find} returns the first registered.
 * Services also register their {@link RelationFamily}s here, the views their procedures' tables
 * are read through.
 */
public final class ProcedureRegistry {

    /**
     * @param longPollParameter index of the wait argument, or -1
     * @param longPollUnitMillis milliseconds in one unit of the wait argument (1, or 1000 for seconds)
     * @param readOnly the body only reads: a call runs in the calling statement's transaction and
     *                 snapshot (on any node) instead of taking a turn on the leader's commit path
     */
    public record Procedure(String qualifiedName, List<ProcedureParameter> parameters, List<ResultColumn> resultColumns,
                            ProcedureBody body, int longPollParameter, long longPollUnitMillis, boolean readOnly) {
        public List<DataType> argTypes() {
            List<DataType> types = new ArrayList<>(parameters.size());
            for (ProcedureParameter p : parameters) types.add(p.type());
            return types;
        }
    }

    /** Each name's overloads in registration order; a list is replaced whole, never changed in place. */
    private final Map<String, List<Procedure>> procedures = new ConcurrentHashMap<>();
    private final List<RelationFamily> families = new java.util.concurrent.CopyOnWriteArrayList<>();

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
        register(qualifiedName, parameters, resultColumns, body, longPollParameter, 1, false);
    }

    /**
     * As {@link #register(String, List, List, ProcedureBody, String)}, with the wait argument counted in
     * units of {@code longPollUnitMillis}; {@code readOnly}: see {@link Procedure#readOnly()}. A second
     * registration under a name adds an overload, which must differ from the others in its parameters'
     * types (one with the same types is replaced).
     */
    public void register(String qualifiedName, List<ProcedureParameter> parameters, List<ResultColumn> resultColumns,
                         ProcedureBody body, String longPollParameter, long longPollUnitMillis, boolean readOnly) {
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
        if (longPollUnitMillis < 1) throw new IllegalArgumentException(qualifiedName + ": wait unit must be at least 1 ms");
        Procedure procedure = new Procedure(qualifiedName, List.copyOf(parameters), List.copyOf(resultColumns), body, longPoll,
                longPollUnitMillis, readOnly);
        procedures.compute(qualifiedName, (name, existing) -> {
            List<Procedure> all = new ArrayList<>(existing == null ? List.of() : existing);
            all.removeIf(other -> other.argTypes().equals(procedure.argTypes()));  // registered again: replaced
            all.add(procedure);
            return List.copyOf(all);
        });
    }

    /** The procedure (the first registered of its overloads), or null. */
    public Procedure find(String qualifiedName) {
        List<Procedure> all = procedures.get(qualifiedName);
        return all == null ? null : all.get(0);
    }

    /** Every procedure registered under the name, in registration order; empty when none. */
    public List<Procedure> overloads(String qualifiedName) {
        return procedures.getOrDefault(qualifiedName, List.of());
    }

    /** Registers views by name pattern (see {@link RelationFamily}); a later family with the same schema and prefix replaces it. */
    public void registerRelationFamily(RelationFamily family) {
        families.removeIf(f -> f.schema().equals(family.schema()) && f.prefix().equals(family.prefix()));
        families.add(family);
    }

    /** The family member named {@code schema.name}, as a view, or null. */
    public io.tableos.db.catalog.ViewDef relationFamilyMember(String schema, String name) {
        int index = 0;
        for (RelationFamily f : families) {
            index++;
            // Negative ids never collide with catalog objects; one per family keeps view recursion checks apart.
            io.tableos.db.catalog.ViewDef view = f.schema().equals(schema) ? f.member(name, -index) : null;
            if (view != null) return view;
        }
        return null;
    }

    public java.util.Collection<Procedure> all() {
        List<Procedure> all = new ArrayList<>();
        for (List<Procedure> overloads : procedures.values()) all.addAll(overloads);
        return all;
    }
}
