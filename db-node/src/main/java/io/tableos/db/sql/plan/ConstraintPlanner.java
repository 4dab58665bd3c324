package io.tableos.db.sql.plan;

import io.tableos.db.catalog.CheckConstraintDef;
import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.ReferentialAction;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.constraint.CheckConstraint;
import io.tableos.db.sql.exec.constraint.ChildReferences;
import io.tableos.db.sql.exec.constraint.ParentKeyCheck;
import io.tableos.db.sql.exec.constraint.TableConstraints;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Compiles a table's CHECK constraints and foreign keys (both directions) into the
 * {@link TableConstraints} its DML plans carry. A table with no constraint of its own that no
 * foreign key references gets null, and its plans do no constraint work at all. Tables
 * reached through CASCADE / SET NULL / SET DEFAULT are compiled too (their rows change), each
 * once, so cycles of references (a self-referencing table) terminate.
 */
public final class ConstraintPlanner {
    private final PlanContext pc;
    private final Map<Long, TableConstraints> built = new HashMap<>();

    private ConstraintPlanner(PlanContext pc) {
        this.pc = pc;
    }

    /** The constraints DML on {@code table} must enforce, or null when there are none. */
    public static TableConstraints forTable(PlanContext pc, TableDef table) {
        return new ConstraintPlanner(pc).build(table);
    }

    private TableConstraints build(TableDef table) {
        if (built.containsKey(table.id())) return built.get(table.id());
        List<TableDef> referencing = pc.catalog.referencingTables(table.id());
        if (!table.hasConstraints() && referencing.isEmpty()) {
            built.put(table.id(), null);
            return null;
        }
        List<CheckConstraint> checks = new ArrayList<>();
        for (CheckConstraintDef c : table.checks()) checks.add(new CheckConstraint(c.name(), compileCheck(pc, table, c.expressionSql())));
        List<ParentKeyCheck> parents = new ArrayList<>();
        for (ForeignKeyDef fk : table.foreignKeys()) parents.add(parentCheck(table, fk));
        List<ChildReferences> children = new ArrayList<>();
        List<TableDef> childTables = new ArrayList<>();
        for (TableDef child : referencing) {
            TableDef current = child.id() == table.id() ? table : child;
            for (ForeignKeyDef fk : current.foreignKeys()) {
                if (fk.referencedTableId() != table.id()) continue;
                ParentKeyCheck seenFromChild = new ParentKeyCheck(fk, current, table, referencedIndex(table, fk.referencedColumns(), fk.name()));
                children.add(new ChildReferences(seenFromChild, setDefault(fk) ? defaults(current) : null));
                childTables.add(current);
            }
        }
        TableConstraints constraints = new TableConstraints(table, checks, parents, children);
        built.put(table.id(), constraints);
        for (int i = 0; i < children.size(); i++) {
            TableConstraints childConstraints = build(childTables.get(i));
            if (childConstraints != null) children.get(i).bind(childConstraints);
        }
        return constraints;
    }

    private ParentKeyCheck parentCheck(TableDef child, ForeignKeyDef fk) {
        TableDef parent = fk.referencedTableId() == child.id() ? child : pc.catalog.table(fk.referencedTableId());
        if (parent == null) throw new IllegalStateException("foreign key " + fk.name() + " references missing table " + fk.referencedTableId());
        return new ParentKeyCheck(fk, child, parent, referencedIndex(parent, fk.referencedColumns(), fk.name()));
    }

    private static boolean setDefault(ForeignKeyDef fk) {
        return fk.onDelete() == ReferentialAction.SET_DEFAULT || fk.onUpdate() == ReferentialAction.SET_DEFAULT;
    }

    private Expr[] defaults(TableDef table) {
        Expr[] out = new Expr[table.columns().size()];
        for (int c = 0; c < out.length; c++) out[c] = DmlPlanner.compileDefault(pc, table, c);
        return out;
    }

    /**
     * The parent's unique index on exactly {@code columns} (in any order), or null when they
     * are its primary key; 42830 when neither exists, as PostgreSQL requires.
     */
    public static IndexDef referencedIndex(TableDef parent, List<Integer> columns, String constraintName) {
        HashSet<Integer> wanted = new HashSet<>(columns);
        if (!parent.hasHiddenKey() && wanted.size() == columns.size() && new HashSet<>(parent.primaryKey()).equals(wanted)) return null;
        for (IndexDef index : parent.indexes()) {
            if (index.unique() && index.predicateSql() == null && index.columns().size() == columns.size()
                    && new HashSet<>(index.columns()).equals(wanted)) {
                return index;
            }
        }
        throw new DbException(SqlState.INVALID_FOREIGN_KEY, "there is no unique constraint matching given keys for referenced table \""
                + parent.name() + "\"");
    }

    /** Compiles a CHECK expression over the table's columns (row layout: one value per column). */
    public static Expr compileCheck(PlanContext pc, TableDef table, String expressionSql) {
        Expression parsed;
        try {
            parsed = new CCJSqlParser(expressionSql).withDialect(AbstractJSqlParser.Dialect.POSTGRESQL).Expression();
        } catch (Exception | Error e) {
            throw new DbException(SqlState.SYNTAX_ERROR, "invalid CHECK expression: " + expressionSql);
        }
        Expr compiled = new ExprCompiler(pc, DmlPlanner.tableScope(table, table.name()), null).compile(parsed);
        SqlType type = compiled.type().type();
        if (type != SqlType.BOOL && type != SqlType.UNKNOWN) {
            throw new DbException(SqlState.DATATYPE_MISMATCH, "argument of CHECK must be type boolean, not type " + compiled.type().sqlName());
        }
        return compiled;
    }
}
