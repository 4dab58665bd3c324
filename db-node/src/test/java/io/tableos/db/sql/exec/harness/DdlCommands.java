package io.tableos.db.sql.exec.harness;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.plan.DmlPlanner;
import io.tableos.db.sql.plan.Names;
import io.tableos.db.sql.plan.ParamTypes;
import io.tableos.db.sql.plan.TypeNames;
import io.tableos.db.txn.DdlOperation;
import io.tableos.db.txn.TransactionManager;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.schema.Sequence;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.drop.Drop;

/**
 * DDL: builds {@link DdlOperation}s (object ids chosen here, on the leader, from
 * {@link Catalog#peekNextObjectId()}) and applies them through the replicated log. DDL
 * is not part of the session's transaction: it commits on its own, even inside BEGIN.
 */
final class DdlCommands {
    private final HarnessSession session;
    private final TransactionManager tm;
    private final Catalog catalog;
    private String notice;

    DdlCommands(HarnessSession session) {
        this.session = session;
        this.tm = session.engine().transactions();
        this.catalog = tm.catalog();
    }

    String notice() { return notice; }

    String execute(Statement st) {
        if (session.transactionControl.inBlock() && session.transactionControl.currentReadOnly() == Boolean.TRUE) {
            throw new DbException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute DDL in a read-only transaction");
        }
        if (st instanceof CreateTable ct) return createTable(ct);
        if (st instanceof Drop d) return drop(d);
        if (st instanceof CreateIndex ci) return createIndex(ci);
        if (st instanceof Alter a) return alter(a);
        if (st instanceof CreateSchema cs) return createSchema(cs);
        if (st instanceof CreateSequence cs) return createSequence(cs);
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "statement not supported: " + st.getClass().getSimpleName());
    }

    private String schemaOf(String raw) {
        String schema = raw == null ? "public" : Names.ident(raw);
        if (!catalog.hasSchema(schema)) throw new DbException(SqlState.UNDEFINED_SCHEMA, "schema \"" + schema + "\" does not exist");
        return schema;
    }

    private boolean relationExists(String schema, String name) {
        if (catalog.table(schema, name) != null || catalog.sequence(schema, name) != null) return true;
        for (TableDef t : catalog.tables()) {
            if (t.schema().equals(schema)) for (IndexDef i : t.indexes()) if (i.name().equals(name)) return true;
        }
        return false;
    }

    private String createTable(CreateTable ct) {
        Table t = ct.getTable();
        String schema = schemaOf(t.getSchemaName());
        String name = Names.ident(t.getName());
        if (relationExists(schema, name)) {
            if (ct.isIfNotExists()) return "CREATE TABLE";
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        if (ct.getSelect() != null) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "CREATE TABLE AS is not supported");
        TableBuilder b = new TableBuilder(schema, name, catalog.peekNextObjectId());
        if (ct.getColumnDefinitions() != null) for (ColumnDefinition cd : ct.getColumnDefinitions()) b.addColumn(cd);
        if (ct.getIndexes() != null) for (Index index : ct.getIndexes()) b.addTableConstraint(index);
        TableBuilder.DdlPlan plan = b.build();
        validateDefaults(plan.table());
        tm.applyDdl(new DdlOperation.CreateTable(plan.table(), plan.sequences()));
        return "CREATE TABLE";
    }

    /** Compiles every DEFAULT once so a bad one fails CREATE TABLE rather than each INSERT. */
    private void validateDefaults(TableDef table) {
        for (int i = 0; i < table.columns().size(); i++) DmlPlanner.compileDefault(session.planContext(new ParamTypes(null)), table, i);
    }

    private String drop(Drop d) {
        String type = d.getType().toUpperCase();
        boolean cascade = d.getParameters() != null && d.getParameters().stream().anyMatch(p -> p.equalsIgnoreCase("CASCADE"));
        List<Table> names = d.getNames() != null && !d.getNames().isEmpty() ? d.getNames() : List.of(d.getName());
        for (Table t : names) {
            String schema = t.getSchemaName() == null ? "public" : Names.ident(t.getSchemaName());
            String name = Names.ident(t.getName());
            switch (type) {
                case "TABLE" -> {
                    TableDef def = catalog.table(schema, name);
                    if (def == null) { missing(d, "table", name); continue; }
                    tm.applyDdl(new DdlOperation.DropTable(def.id()));
                }
                case "INDEX" -> {
                    TableDef owner = null;
                    IndexDef index = null;
                    for (TableDef def : catalog.tables()) {
                        if (!def.schema().equals(schema)) continue;
                        for (IndexDef i : def.indexes()) if (i.name().equals(name)) { owner = def; index = i; }
                    }
                    if (index == null) { missing(d, "index", name); continue; }
                    List<IndexDef> rest = new ArrayList<>(owner.indexes());
                    rest.remove(index);
                    tm.applyDdl(new DdlOperation.AlterTable(withIndexes(owner, rest), new Object[0]));
                }
                case "SEQUENCE" -> {
                    SequenceDef seq = catalog.sequence(schema, name);
                    if (seq == null) { missing(d, "sequence", name); continue; }
                    tm.applyDdl(new DdlOperation.DropSequence(seq.id()));
                }
                case "SCHEMA" -> {
                    if (!catalog.hasSchema(name)) { missing(d, "schema", name); continue; }
                    List<TableDef> tables = catalog.tables().stream().filter(x -> x.schema().equals(name)).toList();
                    List<SequenceDef> seqs = catalog.sequences().stream().filter(x -> x.schema().equals(name) && x.ownedByTableId() == 0).toList();
                    if (!cascade && (!tables.isEmpty() || !seqs.isEmpty())) {
                        throw new DbException("2BP01", "cannot drop schema " + name + " because other objects depend on it");
                    }
                    for (TableDef x : tables) tm.applyDdl(new DdlOperation.DropTable(x.id()));
                    for (SequenceDef x : seqs) tm.applyDdl(new DdlOperation.DropSequence(x.id()));
                    tm.applyDdl(new DdlOperation.DropSchema(name));
                }
                default -> throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "DROP " + type + " is not supported");
            }
        }
        return "DROP " + type;
    }

    private void missing(Drop d, String kind, String name) {
        if (d.isIfExists()) return;
        if (kind.equals("schema")) throw new DbException(SqlState.UNDEFINED_SCHEMA, "schema \"" + name + "\" does not exist");
        if (kind.equals("index") || kind.equals("sequence")) throw new DbException(SqlState.UNDEFINED_TABLE, kind + " \"" + name + "\" does not exist");
        throw new DbException(SqlState.UNDEFINED_TABLE, "table \"" + name + "\" does not exist");
    }

    static TableDef withIndexes(TableDef t, List<IndexDef> indexes) {
        return new TableDef(t.id(), t.schema(), t.name(), t.columns(), t.primaryKey(), t.primaryKeyName(), List.copyOf(indexes), t.hiddenKeySequenceId());
    }

    private String createIndex(CreateIndex ci) {
        Table t = ci.getTable();
        String schema = t.getSchemaName() == null ? "public" : Names.ident(t.getSchemaName());
        TableDef table = catalog.table(schema, Names.ident(t.getName()));
        if (table == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + Names.ident(t.getName()) + "\" does not exist");
        Index index = ci.getIndex();
        List<Integer> columns = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        for (Index.ColumnParams p : index.getColumns()) {
            if (p.isExpression()) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "expression indexes are not supported");
            String c = Names.ident(p.getColumnName());
            int i = table.columnOrdinal(c);
            if (i < 0) throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + c + "\" does not exist");
            columns.add(i);
            descending.add(p.getSortOrder() != null && p.getSortOrder().name().equals("DESC"));
        }
        String name = index.getName() != null ? Names.ident(index.getName())
                : TableBuilder.defaultIndexName(table.name(), columns.stream().map(i -> table.columns().get(i).name()).toList(), "idx");
        if (relationExists(schema, name)) {
            if (ci.isUsingIfNotExists()) return "CREATE INDEX";
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        boolean unique = "UNIQUE".equalsIgnoreCase(index.getType());
        String predicate = ci.getWhere() == null ? null : ci.getWhere().toString();
        if (predicate != null) HarnessEngine.predicateCompiler().compile(table, predicate);
        IndexDef def = new IndexDef(catalog.peekNextObjectId(), name, table.id(), columns, descending, unique, predicate, false);
        List<IndexDef> all = new ArrayList<>(table.indexes());
        all.add(def);
        tm.applyDdl(new DdlOperation.AlterTable(withIndexes(table, all), new Object[0]));
        return "CREATE INDEX";
    }

    private String alter(Alter a) {
        Table t = a.getTable();
        String schema = t.getSchemaName() == null ? "public" : Names.ident(t.getSchemaName());
        TableDef table = catalog.table(schema, Names.ident(t.getName()));
        if (table == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + Names.ident(t.getName()) + "\" does not exist");
        for (AlterExpression e : a.getAlterExpressions()) {
            if (!"ADD".equals(String.valueOf(e.getOperation()))) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE " + e.getOperation() + " is not supported");
            }
            table = catalog.table(table.id());
            if (e.getColDataTypeList() != null && !e.getColDataTypeList().isEmpty()) {
                for (AlterExpression.ColumnDataType cd : e.getColDataTypeList()) table = addColumn(table, cd);
            } else if (e.getIndex() != null) {
                addConstraint(table, e.getIndex(), e.getConstraintName());
            } else if (e.getPkColumns() != null) {
                addConstraint(table, new Index().withType("PRIMARY KEY").withColumnsNames(e.getPkColumns()), e.getConstraintName());
            } else if (e.getUkColumns() != null) {
                addConstraint(table, new Index().withType("UNIQUE").withColumnsNames(e.getUkColumns()), e.getConstraintName());
            } else {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE " + e + " is not supported");
            }
        }
        return "ALTER TABLE";
    }

    private TableDef addColumn(TableDef table, ColumnDefinition cd) {
        String name = Names.ident(cd.getColumnName());
        if (table.columnOrdinal(name) >= 0) throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" of relation \"" + table.name() + "\" already exists");
        TableBuilder.ColumnSpec spec = TableBuilder.spec(cd);
        DataType type = Casts.parseTypeName(TypeNames.text(cd.getColDataType()));
        List<ColumnDef> columns = new ArrayList<>(table.columns());
        columns.add(new ColumnDef(name, type, spec.notNull(), spec.defaultSql()));
        TableDef next = new TableDef(table.id(), table.schema(), table.name(), columns, table.primaryKey(), table.primaryKeyName(),
                table.indexes(), table.hiddenKeySequenceId());
        Object fill = null;
        Expr def = DmlPlanner.compileDefault(session.planContext(new ParamTypes(null)), next, columns.size() - 1);
        if (def != null) {
            fill = Casts.cast(def.eval(null, session.newContext(session.transactionControl.transaction(), new Object[0])), type);
        }
        if (fill == null && spec.notNull() && tm.storage().table(table.id()).rowCount() > 0) {
            throw new DbException(SqlState.NOT_NULL_VIOLATION, "column \"" + name + "\" of relation \"" + table.name() + "\" contains null values");
        }
        tm.applyDdl(new DdlOperation.AlterTable(next, new Object[] {fill}));
        return next;
    }

    private void addConstraint(TableDef table, Index index, String constraintName) {
        String type = index.getType() == null ? "" : index.getType().toUpperCase();
        String name = index.getName() != null ? Names.ident(index.getName()) : constraintName == null ? null : Names.ident(constraintName);
        List<Integer> columns = new ArrayList<>();
        for (String c : index.getColumnsNames()) {
            int i = table.columnOrdinal(Names.ident(c));
            if (i < 0) throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + Names.ident(c) + "\" named in key does not exist");
            columns.add(i);
        }
        if (type.startsWith("PRIMARY")) {
            if (!table.hasHiddenKey()) throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \"" + table.name() + "\" are not allowed");
            List<ColumnDef> cols = new ArrayList<>(table.columns());
            for (int i : columns) { ColumnDef c = cols.get(i); cols.set(i, new ColumnDef(c.name(), c.type(), true, c.defaultSql())); }
            TableDef next = new TableDef(table.id(), table.schema(), table.name(), cols, columns, name != null ? name : table.name() + "_pkey",
                    table.indexes(), 0);
            tm.applyDdl(new DdlOperation.AlterTable(next, new Object[0]));
        } else if (type.equals("UNIQUE")) {
            String indexName = name != null ? name : TableBuilder.defaultIndexName(table.name(), columns.stream().map(i -> table.columns().get(i).name()).toList(), "key");
            if (relationExists(table.schema(), indexName)) throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + indexName + "\" already exists");
            List<IndexDef> all = new ArrayList<>(table.indexes());
            all.add(new IndexDef(catalog.peekNextObjectId(), indexName, table.id(), columns, columns.stream().map(i -> Boolean.FALSE).toList(), true, null, true));
            tm.applyDdl(new DdlOperation.AlterTable(withIndexes(table, all), new Object[0]));
        } else {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ADD " + type + " is not supported");
        }
    }

    private String createSchema(CreateSchema cs) {
        String name = Names.ident(cs.getSchemaName());
        if (catalog.hasSchema(name)) {
            if (cs.hasIfNotExists()) return "CREATE SCHEMA";
            throw new DbException(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
        }
        tm.applyDdl(new DdlOperation.CreateSchema(name));
        return "CREATE SCHEMA";
    }

    private String createSequence(CreateSequence cs) {
        Sequence seq = cs.getSequence();
        String schema = schemaOf(seq.getSchemaName());
        String name = Names.ident(seq.getName());
        if (relationExists(schema, name)) throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        long start = 1, increment = 1, min = Long.MIN_VALUE, max = Long.MAX_VALUE;
        boolean minSet = false, maxSet = false, cycle = false;
        Long startValue = null;
        if (seq.getParameters() != null) {
            for (Sequence.Parameter p : seq.getParameters()) {
                switch (p.getOption().name()) {
                    case "START", "START_WITH" -> startValue = p.getValue();
                    case "INCREMENT", "INCREMENT_BY" -> increment = p.getValue();
                    case "MINVALUE" -> { min = p.getValue(); minSet = true; }
                    case "MAXVALUE" -> { max = p.getValue(); maxSet = true; }
                    case "CYCLE" -> cycle = true;
                    default -> { }
                }
            }
        }
        if (!minSet) min = increment > 0 ? 1 : Long.MIN_VALUE;
        if (!maxSet) max = increment > 0 ? Long.MAX_VALUE : -1;
        start = startValue != null ? startValue : increment > 0 ? min : max;
        tm.applyDdl(new DdlOperation.CreateSequence(new SequenceDef(catalog.peekNextObjectId(), schema, name, start, increment, min, max, cycle, 0)));
        return "CREATE SEQUENCE";
    }
}
