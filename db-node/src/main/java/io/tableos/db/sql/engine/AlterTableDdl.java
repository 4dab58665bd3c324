package io.tableos.db.sql.engine;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.storage.ColumnConversion;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.DdlOperation;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.table.Index;

/**
 * ALTER TABLE: ADD [COLUMN] [IF NOT EXISTS] (existing rows get the DEFAULT evaluated once, or
 * null), ADD [CONSTRAINT name] PRIMARY KEY | UNIQUE (cols), ALTER [COLUMN] c SET/DROP DEFAULT,
 * SET/DROP NOT NULL, ADD [CONSTRAINT name] CHECK (...) | FOREIGN KEY (...) REFERENCES ... (existing
 * rows are validated first), DROP CONSTRAINT [IF EXISTS] of a CHECK or FOREIGN KEY, DROP [COLUMN]
 * [IF EXISTS] (see {@link ColumnDrop}), ALTER [COLUMN] c TYPE t ({@link ColumnTypeChange}), OWNER TO
 * (the node's one role: {@link Roles}), RENAME TO,
 * RENAME [COLUMN] a TO b. Every sub-command is applied as one new table definition at the end.
 * Adding a primary key rewrites the rows under the new key (storage reports duplicates with
 * 23505); the hidden row-id sequence is dropped afterwards.
 */
final class AlterTableDdl {
    private static final Pattern ALTER_COLUMN = Pattern.compile(
            "^ALTER\\s+(?:COLUMN\\s+)?(\"[^\"]+\"|\\S+)\\s+(SET\\s+DEFAULT\\s+(.+)|DROP\\s+DEFAULT|SET\\s+NOT\\s+NULL|DROP\\s+NOT\\s+NULL)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final DdlExecutor ddl;

    AlterTableDdl(DdlExecutor ddl) {
        this.ddl = ddl;
    }

    /** {@code text}: the statement as written, for what JSqlParser's tree drops (the name in ADD CONSTRAINT name UNIQUE). */
    StatementResult alter(Alter alter, String text) {
        java.util.Iterator<String> uniqueNames = UniqueConstraintNames.in(text).iterator();
        DdlNames.Qualified name = ddl.name(alter.getTable());
        TableDef original = ddl.catalog().table(name.schema(), name.name());
        if (original == null) {
            if (alter.isUseTableIfExists()) return new Results.Command("ALTER TABLE", "relation \"" + name.name() + "\" does not exist, skipping");
            throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + name.display() + "\" does not exist");
        }
        TableDef def = original;
        List<Object> fills = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        long[] nextId = {ddl.catalog().peekNextObjectId()};
        ConstraintDdl constraints = new ConstraintDdl(ddl.catalog(), ddl.searchPath(), () -> nextId[0]++, name.schema(), taken);
        long droppedRowIdSequence = 0;
        java.util.Map<String, ColumnTypeChange.Change> conversions = new java.util.LinkedHashMap<>();  // retyped column -> its conversion over the stored row
        for (AlterExpression e : alter.getAlterExpressions()) {
            if (e.getOperation() == AlterOperation.ADD && e.getColDataTypeList() != null && !e.getColDataTypeList().isEmpty()) {
                for (AlterExpression.ColumnDataType cd : e.getColDataTypeList()) {
                    TableDefinitionBuilder.DeclaredColumn dc = TableDefinitionBuilder.declare(cd.getColumnName(), cd.getColDataType(), cd.getColumnSpecs());
                    if (def.columnOrdinal(dc.column().name()) >= 0) {
                        if (e.isUseIfNotExists()) {
                            notices.add("column \"" + dc.column().name() + "\" of relation \"" + def.name() + "\" already exists, skipping");
                            continue;
                        }
                        throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + dc.column().name() + "\" of relation \"" + def.name() + "\" already exists");
                    }
                    if (dc.serialType() != null || dc.primaryKey() || dc.unique()) {
                        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ADD COLUMN with serial, PRIMARY KEY or UNIQUE is not supported");
                    }
                    List<ColumnDef> columns = new ArrayList<>(def.columns());
                    columns.add(dc.column());
                    def = withColumns(def, columns);
                    Object fill = ddl.evaluateDefault(def, columns.size() - 1);
                    if (fill == null && dc.column().notNull() && rowCount(original) > 0) {
                        throw new DbException(SqlState.NOT_NULL_VIOLATION, "column \"" + dc.column().name() + "\" of relation \""
                                + def.name() + "\" contains null values");
                    }
                    fills.add(fill);
                }
            } else if (e.getOperation() == AlterOperation.ADD && e.getIndex() != null && ConstraintDdl.handles(e.getIndex())) {
                String constraintName = e.getConstraintName() != null ? DdlNames.ident(e.getConstraintName()) : null;
                def = constraints.addTableConstraint(def, e.getIndex(), constraintName);
            } else if (e.getOperation() == AlterOperation.DROP && e.getColumnName() != null && e.getConstraintName() == null) {
                String column = DdlNames.ident(e.getColumnName());
                if (def.columnOrdinal(column) < 0) {
                    if (!e.isUsingIfExists()) throw DdlNames.noSuchColumn(def, column);
                    notices.add(DdlNames.noSuchColumn(def, column).getMessage() + ", skipping");
                    continue;
                }
                def = ColumnDrop.drop(ddl.catalog(), def, column, notices);
            } else if (e.getOperation() == AlterOperation.DROP && e.getConstraintName() != null) {
                String notice = dropConstraint(def, e);
                if (notice != null) notices.add(notice);
                else def = withoutConstraint(def, DdlNames.ident(e.getConstraintName()));
            } else if (e.getOperation() == AlterOperation.ADD && e.getIndex() != null) {
                Index index = e.getIndex();
                String type = index.getType() == null ? "" : index.getType().toLowerCase(Locale.ROOT);
                String constraintName = index.getName() != null ? DdlNames.ident(index.getName())
                        : e.getConstraintName() != null ? DdlNames.ident(e.getConstraintName()) : null;
                List<Integer> ordinals = TableDefinitionBuilder.ordinals(def.columns(), index.getColumnsNames(), name);
                if (constraintName != null && (DdlNames.relationExists(ddl.catalog(), def.schema(), constraintName) || taken.contains(constraintName))) {
                    throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + constraintName + "\" already exists");
                }
                if (type.equals("primary key")) {
                    if (!def.hasHiddenKey()) throw TableDefinitionBuilder.multiplePrimaryKeys(name);
                    String pkName = constraintName != null ? constraintName : DdlNames.derived(ddl.catalog(), def.schema(), def.name(), List.of(), "pkey", taken);
                    List<ColumnDef> columns = new ArrayList<>(def.columns());
                    for (int o : ordinals) {
                        ColumnDef c = columns.get(o);
                        columns.set(o, new ColumnDef(c.name(), c.type(), true, c.defaultSql()));
                    }
                    droppedRowIdSequence = def.hiddenKeySequenceId();
                    def = new TableDef(def.id(), def.schema(), def.name(), List.copyOf(columns), List.copyOf(ordinals), pkName,
                            def.indexes(), 0, def.checks(), def.foreignKeys());
                } else if (type.startsWith("unique")) {
                    String written = uniqueNames.hasNext() ? uniqueNames.next() : null;
                    if (constraintName == null && written != null) constraintName = DdlNames.ident(written);
                    if (constraintName != null && (DdlNames.relationExists(ddl.catalog(), def.schema(), constraintName) || taken.contains(constraintName))) {
                        throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + constraintName + "\" already exists");
                    }
                    String indexName = constraintName != null ? constraintName
                            : DdlNames.derived(ddl.catalog(), def.schema(), def.name(), TableDefinitionBuilder.columnNames(def.columns(), ordinals), "key", taken);
                    taken.add(indexName);
                    List<IndexDef> indexes = new ArrayList<>(def.indexes());
                    indexes.add(new IndexDef(nextId[0]++, indexName, def.id(), List.copyOf(ordinals), TableDefinitionBuilder.falses(ordinals.size()),
                            true, null, true));
                    def = IndexDdl.withIndexes(def, indexes);
                } else {
                    throw unsupported(e);
                }
            } else if (e.getOperation() == AlterOperation.ALTER && e.getColDataTypeList() != null && !e.getColDataTypeList().isEmpty()) {
                for (AlterExpression.ColumnDataType cd : e.getColDataTypeList()) {
                    String column = DdlNames.ident(cd.getColumnName());
                    if (def.columnOrdinal(column) < 0) throw DdlNames.noSuchColumn(def, column);
                    if (conversions.containsKey(column)) {
                        throw new DbException(SqlState.SYNTAX_ERROR, "cannot alter type of column \"" + column + "\" twice");
                    }
                    DataType type = TableDefinitionBuilder.declare(cd.getColumnName(), cd.getColDataType(), List.of()).column().type();
                    ColumnTypeChange.Change change = ColumnTypeChange.change(ddl, original, def, column, type, cd.getUsingExpression());
                    def = change.def();
                    if (change.conversionSql() != null) conversions.put(column, change);
                }
            } else if (e.getOperation() == AlterOperation.ALTER || e.getOperation() == AlterOperation.MODIFY) {
                def = alterColumn(def, e, original);
            } else if (e.getOperation() == AlterOperation.UNSPECIFIC && e.getOptionalSpecifier() != null
                    && e.getOptionalSpecifier().toUpperCase(Locale.ROOT).startsWith("OWNER TO ")) {
                Roles.require(ddl.session(), DdlNames.ident(e.getOptionalSpecifier().substring("OWNER TO ".length()).trim()));
            } else if (e.getOperation() == AlterOperation.RENAME_TABLE) {
                String newName = DdlNames.ident(e.getNewTableName());
                DdlNames.requireFreeRelationName(ddl.catalog(), def.schema(), newName);
                def = def.withName(newName);
            } else if (e.getOperation() == AlterOperation.RENAME && e.getColumnOldName() != null) {
                def = renameColumn(def, DdlNames.ident(e.getColumnOldName()), DdlNames.ident(e.getColumnName()));
            } else {
                throw unsupported(e);
            }
        }
        if (droppedRowIdSequence != 0 && !conversions.isEmpty() && ddl.session().transactionState.inBlock()) {
            // The row ids' sequence would be dropped for good, and ROLLBACK restores rows keyed by it.
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot add a primary key in the ALTER TABLE that changes a column's type"
                    + " inside a transaction block", null, "Use two ALTER TABLE statements.", 0, null);
        }
        if (def != original) {
            ddl.validateChecks(def);
            ForeignKeyDdl.validateExistingRows(ddl, original, def);
            ddl.alterTable(original, def, fills.toArray(), conversions(def, conversions), nextId[0]++);
        }
        if (droppedRowIdSequence != 0) {
            SequenceDef rowIds = ddl.catalog().sequence(droppedRowIdSequence);
            if (rowIds != null) ddl.apply(new DdlOperation.DropSequence(rowIds.id()));
        }
        notices.removeIf(n -> n == null);
        return new Results.Command("ALTER TABLE", notices.isEmpty() ? null : String.join("\n", notices));
    }

    /** The conversions by the retyped columns' final ordinals (a later sub-command may have dropped columns before them). */
    private static List<ColumnConversion> conversions(TableDef def, java.util.Map<String, ColumnTypeChange.Change> byColumn) {
        List<ColumnConversion> out = new ArrayList<>();
        for (java.util.Map.Entry<String, ColumnTypeChange.Change> e : byColumn.entrySet()) {
            int ordinal = def.columnOrdinal(e.getKey());
            if (ordinal < 0) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot drop or rename column \"" + e.getKey() + "\" in the ALTER TABLE that retypes it");
            out.add(new ColumnConversion(ordinal, e.getValue().conversionSql(), e.getValue().timeZone()));
        }
        return out;
    }

    /** A notice when DROP CONSTRAINT IF EXISTS names no constraint; null when the constraint exists (it is then dropped). */
    private String dropConstraint(TableDef def, AlterExpression e) {
        String constraintName = DdlNames.ident(e.getConstraintName());
        boolean found = def.checks().stream().anyMatch(c -> c.name().equals(constraintName))
                || def.foreignKeys().stream().anyMatch(f -> f.name().equals(constraintName));
        if (found) return null;
        IndexDef unique = def.indexes().stream().filter(i -> i.constraint() && i.name().equals(constraintName)).findFirst().orElse(null);
        if (unique != null) {
            requireNotReferenced(def, unique);
            return null;
        }
        if (ConstraintDdl.constraintNames(def).contains(constraintName)) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "dropping a primary key or UNIQUE constraint is not supported");
        }
        if (e.toString().toUpperCase(Locale.ROOT).contains("IF EXISTS")) {
            return "constraint \"" + constraintName + "\" of relation \"" + def.name() + "\" does not exist, skipping";
        }
        throw new DbException(SqlState.UNDEFINED_OBJECT, "constraint \"" + constraintName + "\" of relation \"" + def.name() + "\" does not exist");
    }

    /** A UNIQUE constraint a foreign key relies on stays (2BP01), as in PostgreSQL without CASCADE. */
    private void requireNotReferenced(TableDef def, IndexDef unique) {
        Set<Integer> columns = new HashSet<>(unique.columns());
        for (TableDef referencing : ddl.catalog().referencingTables(def.id())) {
            for (io.tableos.db.catalog.ForeignKeyDef fk : referencing.foreignKeys()) {
                if (fk.referencedTableId() == def.id() && new HashSet<>(fk.referencedColumns()).equals(columns)) {
                    throw new DbException("2BP01", "cannot drop constraint " + unique.name() + " on table " + def.name()
                            + " because constraint " + fk.name() + " on table " + referencing.name() + " depends on it", null,
                            "Use ALTER TABLE ... DROP CONSTRAINT ... CASCADE to drop the dependent objects too.", 0, null);
                }
            }
        }
    }

    private static TableDef withoutConstraint(TableDef def, String constraintName) {
        def = IndexDdl.withIndexes(def, def.indexes().stream().filter(i -> !(i.constraint() && i.name().equals(constraintName))).toList());
        return def.withConstraints(def.checks().stream().filter(c -> !c.name().equals(constraintName)).toList(),
                def.foreignKeys().stream().filter(f -> !f.name().equals(constraintName)).toList());
    }

    private TableDef alterColumn(TableDef def, AlterExpression e, TableDef original) {
        Matcher m = ALTER_COLUMN.matcher(e.toString().trim());
        if (!m.matches()) throw unsupported(e);
        String column = DdlNames.ident(m.group(1));
        int ordinal = def.columnOrdinal(column);
        if (ordinal < 0) throw DdlNames.noSuchColumn(def, column);
        ColumnDef c = def.columns().get(ordinal);
        String action = m.group(2).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        ColumnDef changed;
        if (action.startsWith("SET DEFAULT")) {
            changed = new ColumnDef(c.name(), c.type(), c.notNull(), m.group(3).trim());
        } else if (action.equals("DROP DEFAULT")) {
            changed = new ColumnDef(c.name(), c.type(), c.notNull(), null);
        } else if (action.equals("SET NOT NULL")) {
            if (rowCount(original) > 0 && hasNulls(original, ordinal)) {
                throw new DbException(SqlState.NOT_NULL_VIOLATION, "column \"" + column + "\" of relation \"" + def.name() + "\" contains null values");
            }
            changed = new ColumnDef(c.name(), c.type(), true, c.defaultSql());
        } else {
            if (def.primaryKey().contains(ordinal)) {
                throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "column \"" + column + "\" is in a primary key");
            }
            changed = new ColumnDef(c.name(), c.type(), false, c.defaultSql());
        }
        List<ColumnDef> columns = new ArrayList<>(def.columns());
        columns.set(ordinal, changed);
        TableDef result = withColumns(def, columns);
        if (changed.defaultSql() != null) ddl.validateDefaults(result);
        return result;
    }

    private long rowCount(TableDef table) {
        TableStore store = ddl.storeOf(table);
        return store == null ? 0 : store.rowCount();
    }

    private boolean hasNulls(TableDef table, int ordinal) {
        TableStore store = ddl.storeOf(table);
        try (var cursor = store.scan(io.tableos.db.storage.KeyRange.ALL, false)) {
            while (cursor.next()) {
                Object[] row = io.tableos.db.storage.RowCodec.decode(table, cursor.value());
                if (row[ordinal] == null) return true;
            }
        }
        return false;
    }

    /**
     * Rows, keys and indexes refer to columns by position, so a rename changes only the name,
     * except where a column is named in SQL text kept in the catalog (CHECK expressions,
     * partial-index predicates): those renames are refused rather than risk rewriting text.
     */
    private static TableDef renameColumn(TableDef def, String from, String to) {
        int ordinal = def.columnOrdinal(from);
        if (ordinal < 0) {
            throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + from + "\" does not exist");
        }
        if (def.columnOrdinal(to) >= 0) {
            throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + to + "\" of relation \"" + def.name() + "\" already exists");
        }
        Predicate<String> named = DdlNames.mentionsColumn(from);
        boolean inText = def.checks().stream().anyMatch(c -> named.test(c.expressionSql()))
                || def.indexes().stream().anyMatch(i -> named.test(i.predicateSql()));
        if (inText) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot rename column \"" + from
                    + "\": a CHECK constraint or partial-index predicate names it (drop and re-create that first)");
        }
        List<ColumnDef> columns = new ArrayList<>(def.columns());
        ColumnDef c = columns.get(ordinal);
        columns.set(ordinal, new ColumnDef(to, c.type(), c.notNull(), c.defaultSql()));
        return withColumns(def, columns);
    }

    static TableDef withColumns(TableDef t, List<ColumnDef> columns) {
        return new TableDef(t.id(), t.schema(), t.name(), List.copyOf(columns), t.primaryKey(), t.primaryKeyName(), t.indexes(),
                t.hiddenKeySequenceId(), t.checks(), t.foreignKeys());
    }

    private static DbException unsupported(AlterExpression e) {
        return new DbException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE " + e.toString().trim() + " is not supported");
    }
}
