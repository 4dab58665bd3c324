package io.tableos.db.sql.engine;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.Index;

/**
 * CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON t [USING method] (col [ASC|DESC]
 * [NULLS ...], ...) [WHERE predicate], and DROP INDEX. Indexes are ordered (btree); for the
 * access methods TableOS does not have (gin, gist, hash, brin, spgist: migrations create them) an
 * ordered index is built instead and a NOTICE says so. CONCURRENTLY changes nothing: DDL never
 * blocks writers here. Expression indexes are not supported. NULLS FIRST/LAST is accepted; nulls
 * sort as the key codec orders them.
 */
final class IndexDdl {
    private IndexDdl() {}

    /** PostgreSQL's other built-in access methods, served by an ordered index. */
    private static final java.util.Set<String> SUBSTITUTED_METHODS = java.util.Set.of("gin", "gist", "hash", "brin", "spgist");

    private static final Pattern WHERE = Pattern.compile("\\)\\s+WHERE\\s+(.+)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    static StatementResult create(DdlExecutor ddl, CreateIndex ci) {
        Index index = ci.getIndex();
        DdlNames.Qualified tableName = ddl.name(ci.getTable());
        TableDef table = DdlNames.requireTable(ddl.catalog(), tableName);
        String using = index.getUsing() == null ? "btree" : index.getUsing().toLowerCase(Locale.ROOT);
        String notice = null;
        if (!using.equals("btree")) {
            if (!SUBSTITUTED_METHODS.contains(using)) throw new DbException(SqlState.UNDEFINED_OBJECT, "access method \"" + using + "\" does not exist");
            notice = "access method \"" + using + "\" is not available: an ordered (btree) index is created instead";
        }
        List<Integer> columns = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        for (Index.ColumnParams p : index.getColumns()) {
            if (p.isExpression()) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "indexes on expressions are not supported");
            String column = DdlNames.ident(p.getColumnName());
            int ordinal = table.columnOrdinal(column);
            if (ordinal < 0) throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" does not exist");
            columns.add(ordinal);
            descending.add(p.getSortOrder() != null && p.getSortOrder().toString().equalsIgnoreCase("desc"));
        }
        boolean unique = index.getType() != null && index.getType().toLowerCase(Locale.ROOT).contains("unique");
        String predicate = null;
        Matcher m = WHERE.matcher(ci.toString());
        if (m.find()) predicate = m.group(1).trim();
        if (predicate != null) IndexPredicateCompiler.compileExpr(table, predicate); // fail here, not in storage
        String name;
        if (index.getName() != null) {
            name = DdlNames.ident(index.getName());
            if (DdlNames.relationExists(ddl.catalog(), table.schema(), name)) {
                if (ci.isUsingIfNotExists()) return new Results.Command("CREATE INDEX", "relation \"" + name + "\" already exists, skipping");
                throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
            }
        } else {
            name = DdlNames.derived(ddl.catalog(), table.schema(), table.name(),
                    TableDefinitionBuilder.columnNames(table.columns(), columns), "idx", new HashSet<>());
        }
        IndexDef def = new IndexDef(ddl.catalog().peekNextObjectId(), name, table.id(), List.copyOf(columns), List.copyOf(descending),
                unique, predicate, false);
        List<IndexDef> indexes = new ArrayList<>(table.indexes());
        indexes.add(def);
        ddl.alterTable(withIndexes(table, indexes), new Object[0]);
        return new Results.Command("CREATE INDEX", notice);
    }

    /** Drops the named index; returns a notice when IF EXISTS skipped a missing one. */
    static String drop(DdlExecutor ddl, DdlNames.Qualified name, boolean ifExists) {
        TableDef table = DdlNames.findIndex(ddl.catalog(), name.schema(), name.name());
        if (table == null) {
            if (ifExists) return "index \"" + name.name() + "\" does not exist, skipping";
            throw new DbException(SqlState.UNDEFINED_OBJECT, "index \"" + name.name() + "\" does not exist");
        }
        if (name.name().equals(table.primaryKeyName())) {
            throw new DbException("2BP01", "cannot drop index " + name.name() + " because constraint " + name.name()
                    + " on table " + table.name() + " requires it");
        }
        List<IndexDef> indexes = new ArrayList<>();
        for (IndexDef i : table.indexes()) if (!i.name().equals(name.name())) indexes.add(i);
        ddl.alterTable(withIndexes(table, indexes), new Object[0]);
        return null;
    }

    static TableDef withIndexes(TableDef t, List<IndexDef> indexes) {
        return new TableDef(t.id(), t.schema(), t.name(), t.columns(), t.primaryKey(), t.primaryKeyName(), List.copyOf(indexes),
                t.hiddenKeySequenceId(), t.checks(), t.foreignKeys());
    }
}
