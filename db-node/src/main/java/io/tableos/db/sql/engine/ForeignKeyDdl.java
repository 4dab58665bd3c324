package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.CheckConstraintDef;
import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.constraint.CheckConstraint;
import io.tableos.db.sql.exec.constraint.ParentKeyCheck;
import io.tableos.db.sql.plan.ConstraintPlanner;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.DdlOperation;
import io.tableos.db.txn.Isolation;
import io.tableos.db.txn.Transaction;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DDL that must respect existing constraints: DROP TABLE of a referenced table (2BP01, or
 * CASCADE drops the referencing constraints), TRUNCATE of a referenced table (0A000 unless
 * the referencing tables are truncated too, or CASCADE adds them), and ALTER TABLE ADD
 * CONSTRAINT, whose CHECK or FOREIGN KEY must hold for the rows already there (23514, 23503).
 */
final class ForeignKeyDdl {
    private ForeignKeyDdl() {}

    /**
     * Before dropping {@code dropped}: without CASCADE fails if a table outside the set
     * references one of them; with CASCADE removes those foreign keys (one ALTER each).
     */
    static void dropReferencesTo(DdlExecutor ddl, List<TableDef> dropped, boolean cascade, List<String> notices) {
        Set<Long> droppedIds = new HashSet<>();
        for (TableDef t : dropped) droppedIds.add(t.id());
        for (TableDef parent : dropped) {
            for (TableDef child : ddl.catalog().referencingTables(parent.id())) {
                if (droppedIds.contains(child.id())) continue;
                TableDef current = ddl.catalog().table(child.id());
                List<ForeignKeyDef> kept = new ArrayList<>();
                for (ForeignKeyDef fk : current.foreignKeys()) {
                    if (fk.referencedTableId() != parent.id()) {
                        kept.add(fk);
                        continue;
                    }
                    if (!cascade) {
                        throw new DbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop table " + parent.name()
                                + " because other objects depend on it", "constraint " + fk.name() + " on table " + child.name()
                                + " depends on table " + parent.name(), "Use DROP ... CASCADE to drop the dependent objects too.", 0, null);
                    }
                    notices.add("drop cascades to constraint " + fk.name() + " on table " + child.name());
                }
                if (cascade) ddl.alterTable(current.withConstraints(current.checks(), kept), new Object[0]);
            }
        }
    }

    /**
     * The tables a TRUNCATE empties: {@code named}, plus with CASCADE every table referencing
     * one of them (transitively); without CASCADE a referencing table outside the set is 0A000.
     */
    static List<TableDef> truncateSet(Catalog catalog, List<TableDef> named, boolean cascade, List<String> notices) {
        List<TableDef> out = new ArrayList<>(named);
        Set<Long> ids = new HashSet<>();
        for (TableDef t : named) ids.add(t.id());
        for (int i = 0; i < out.size(); i++) {
            TableDef parent = out.get(i);
            for (TableDef child : catalog.referencingTables(parent.id())) {
                if (ids.contains(child.id())) continue;
                if (!cascade) {
                    throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot truncate a table referenced in a foreign key constraint",
                            "Table \"" + child.name() + "\" references \"" + parent.name() + "\".",
                            "Truncate table \"" + child.name() + "\" at the same time, or use TRUNCATE ... CASCADE.", 0, null);
                }
                notices.add("truncate cascades to table \"" + child.name() + "\"");
                ids.add(child.id());
                out.add(child);
            }
        }
        return out;
    }

    /** Fails unless every existing row satisfies the constraints {@code newDef} has and {@code oldDef} had not. */
    static void validateExistingRows(DdlExecutor ddl, TableDef oldDef, TableDef newDef) {
        List<CheckConstraint> checks = new ArrayList<>();
        for (CheckConstraintDef c : newDef.checks()) {
            if (oldDef.checks().stream().noneMatch(o -> o.id() == c.id())) checks.add(new CheckConstraint(c.name(), ConstraintPlanner.compileCheck(ddl.planContext(), newDef, c.expressionSql())));
        }
        List<ParentKeyCheck> parents = new ArrayList<>();
        for (ForeignKeyDef fk : newDef.foreignKeys()) {
            // By id: a constraint kept across a column drop has shifted positions but is not new.
            if (oldDef.foreignKeys().stream().anyMatch(o -> o.id() == fk.id())) continue;
            TableDef parent = fk.referencedTableId() == newDef.id() ? newDef : ddl.catalog().table(fk.referencedTableId());
            parents.add(new ParentKeyCheck(fk, newDef, parent, ConstraintPlanner.referencedIndex(parent, fk.referencedColumns(), fk.name())));
        }
        if (checks.isEmpty() && parents.isEmpty()) return;
        if (newDef.columns().size() < oldDef.columns().size()) {
            // Rows are read in the old layout below; new constraints are compiled against the new one.
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                    "ALTER TABLE that drops a column cannot also add constraints: use two statements");
        }
        TableStore store = ddl.storeOf(oldDef);
        if (store == null || store.rowCount() == 0) return;
        Transaction txn = ddl.session().engine.transactionManager().begin(Isolation.READ_COMMITTED, true);
        try {
            ExecContext ctx = ddl.session().newContext(txn, new Object[0]);
            try (KeyValueCursor cursor = txn.scan(store, KeyRange.ALL, false)) {
                while (cursor.next()) {
                    ctx.checkInterrupts();
                    Object[] row = RowCodec.decode(oldDef, cursor.value());
                    for (CheckConstraint c : checks) {
                        if (Boolean.FALSE.equals(c.expression().eval(row, ctx))) {
                            throw new DbException(SqlState.CHECK_VIOLATION, "check constraint \"" + c.name() + "\" of relation \""
                                    + newDef.name() + "\" is violated by some row");
                        }
                    }
                    for (ParentKeyCheck p : parents) p.verify(ctx, row);
                }
            }
        } finally {
            txn.rollback();
        }
    }
}
