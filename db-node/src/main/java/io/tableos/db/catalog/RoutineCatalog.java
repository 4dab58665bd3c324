package io.tableos.db.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions and triggers of the {@link Catalog}. As the rest of the catalog: mutated only by
 * the apply thread in log order (each mutation bumps the catalog's version through
 * {@code changed}, given the id used), read concurrently by sessions.
 */
public final class RoutineCatalog {
    private final Map<Long, FunctionDef> functionsById = new ConcurrentHashMap<>();
    private final Map<Long, TriggerDef> triggersById = new ConcurrentHashMap<>();
    private final java.util.function.LongConsumer changed;

    RoutineCatalog(java.util.function.LongConsumer changed) {
        this.changed = changed;
    }

    public FunctionDef function(long id) { return functionsById.get(id); }

    public Collection<FunctionDef> functions() { return functionsById.values(); }

    /** The overloads named {@code schema.name}, oldest first. */
    public List<FunctionDef> functions(String schema, String name) {
        List<FunctionDef> out = new ArrayList<>();
        for (FunctionDef f : functionsById.values()) if (f.schema().equals(schema) && f.name().equals(name)) out.add(f);
        out.sort(Comparator.comparingLong(FunctionDef::id));
        return out;
    }

    /** The function with exactly this {@link FunctionDef#signature()}, or null. */
    public FunctionDef functionBySignature(String signature) {
        for (FunctionDef f : functionsById.values()) if (f.signature().equals(signature)) return f;
        return null;
    }

    public TriggerDef trigger(long id) { return triggersById.get(id); }

    public Collection<TriggerDef> triggers() { return triggersById.values(); }

    public TriggerDef trigger(long tableId, String name) {
        for (TriggerDef t : triggersById.values()) if (t.tableId() == tableId && t.name().equals(name)) return t;
        return null;
    }

    /** The table's triggers in firing order (PostgreSQL fires same-kind triggers by name). */
    public List<TriggerDef> triggersOf(long tableId) {
        List<TriggerDef> out = null;
        for (TriggerDef t : triggersById.values()) {
            if (t.tableId() != tableId) continue;
            if (out == null) out = new ArrayList<>();
            out.add(t);
        }
        if (out == null) return List.of();
        out.sort(Comparator.comparing(TriggerDef::name));
        return out;
    }

    // ---- mutations: apply thread only ----

    /** Adds a function, or replaces the definition of the function with the same id. */
    public void putFunction(FunctionDef def) {
        functionsById.put(def.id(), def);
        changed.accept(def.id());
    }

    public void dropFunction(long id) {
        functionsById.remove(id);
        changed.accept(id);
    }

    public void putTrigger(TriggerDef def) {
        triggersById.put(def.id(), def);
        changed.accept(def.id());
    }

    public void dropTrigger(long id) {
        triggersById.remove(id);
        changed.accept(id);
    }

    /** Triggers die with their table. */
    void tableDropped(long tableId) {
        triggersById.values().removeIf(t -> t.tableId() == tableId);
    }

    void clear() {
        functionsById.clear();
        triggersById.clear();
    }
}
