package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.catalog.TriggerDef;
import io.tableos.db.txn.DdlOperation;

/**
 * {@link DdlUndo} for functions and triggers. Both hold no rows, so every change has an exact
 * inverse: a created one is dropped, a replaced or dropped one put back as it was.
 */
final class RoutineUndo {
    private RoutineUndo() {}

    /** The undo of a function or trigger change, or null when {@code done} is neither. */
    static DdlUndo of(DdlOperation done, Catalog before) {
        if (done instanceof DdlOperation.CreateFunction c) {
            FunctionDef old = before.routines().function(c.function().id());
            return new DdlUndo(done, old == null ? new DdlOperation.DropFunction(c.function().id()) : new DdlOperation.CreateFunction(old));
        }
        if (done instanceof DdlOperation.DropFunction d) {
            FunctionDef old = before.routines().function(d.functionId());
            return old == null ? null : new DdlUndo(done, new DdlOperation.CreateFunction(old));
        }
        if (done instanceof DdlOperation.CreateTrigger c) return new DdlUndo(done, new DdlOperation.DropTrigger(c.trigger().id()));
        if (done instanceof DdlOperation.DropTrigger d) {
            TriggerDef old = before.routines().trigger(d.triggerId());
            return old == null ? null : new DdlUndo(done, new DdlOperation.CreateTrigger(old));
        }
        return null;
    }

    /** Whether the undo still applies (the object is as the change left it); null when the change is not a routine's. */
    static Boolean applies(DdlUndo undo, Catalog now) {
        DdlOperation done = undo.done();
        if (done instanceof DdlOperation.CreateFunction c) return c.function().equals(now.routines().function(c.function().id()));
        if (done instanceof DdlOperation.DropFunction d && undo.inverse() instanceof DdlOperation.CreateFunction back) {
            return now.routines().function(d.functionId()) == null && now.routines().functionBySignature(back.function().signature()) == null;
        }
        if (done instanceof DdlOperation.CreateTrigger c) return c.trigger().equals(now.routines().trigger(c.trigger().id()));
        if (done instanceof DdlOperation.DropTrigger d && undo.inverse() instanceof DdlOperation.CreateTrigger back) {
            return now.routines().trigger(d.triggerId()) == null && now.table(back.trigger().tableId()) != null;
        }
        return null;
    }
}
