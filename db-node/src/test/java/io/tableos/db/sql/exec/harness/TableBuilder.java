package io.tableos.db.sql.exec.harness;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.plan.Names;
import io.tableos.db.sql.plan.TypeNames;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.Index;

/**
 * Builds a {@link TableDef} (and its owned sequences) from CREATE TABLE pieces. Object ids
 * are taken in order from {@code nextId}: table, then indexes, then sequences.
 */
final class TableBuilder {
    final String schema;
    final String name;
    private long nextId;
    final long tableId;
    final List<ColumnDef> columns = new ArrayList<>();
    final List<Integer> primaryKey = new ArrayList<>();
    String primaryKeyName;
    final List<IndexDef> indexes = new ArrayList<>();
    final List<SequenceDef> sequences = new ArrayList<>();
    private final List<List<Integer>> uniqueColumns = new ArrayList<>();
    private final List<String> uniqueNames = new ArrayList<>();

    TableBuilder(String schema, String name, long firstId) {
        this.schema = schema;
        this.name = name;
        this.tableId = firstId;
        this.nextId = firstId + 1;
    }

    /** Column-level constraints read from JSqlParser's spec tokens. */
    record ColumnSpec(boolean notNull, boolean primaryKey, boolean unique, String defaultSql) {}

    static ColumnSpec spec(ColumnDefinition cd) {
        List<String> tokens = cd.getColumnSpecs() == null ? List.of() : cd.getColumnSpecs();
        boolean notNull = false, pk = false, unique = false;
        String def = null;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).toUpperCase(Locale.ROOT);
            if (t.equals("NOT") && i + 1 < tokens.size() && tokens.get(i + 1).equalsIgnoreCase("NULL")) { notNull = true; i++; }
            else if (t.equals("PRIMARY") && i + 1 < tokens.size() && tokens.get(i + 1).equalsIgnoreCase("KEY")) { pk = true; i++; }
            else if (t.equals("UNIQUE")) unique = true;
            else if (t.equals("DEFAULT") && i + 1 < tokens.size()) def = tokens.get(++i);
        }
        return new ColumnSpec(notNull, pk, unique, def);
    }

    void addColumn(ColumnDefinition cd) {
        String columnName = Names.ident(cd.getColumnName());
        if (columnOrdinal(columnName) >= 0) throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + columnName + "\" specified more than once");
        String typeText = TypeNames.text(cd.getColDataType());
        ColumnSpec spec = spec(cd);
        DataType type = Casts.parseTypeName(typeText);
        String defaultSql = spec.defaultSql();
        boolean notNull = spec.notNull() || spec.primaryKey();
        if (TypeNames.isSerial(typeText)) {
            String seqName = name + "_" + columnName + "_seq";
            long max = type.type() == SqlType.INT2 ? Short.MAX_VALUE : type.type() == SqlType.INT4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
            sequences.add(new SequenceDef(-1, schema, seqName, 1, 1, 1, max, false, tableId));
            defaultSql = "nextval('" + (schema.equals("public") ? "" : schema + ".") + seqName + "')";
            notNull = true;
        }
        columns.add(new ColumnDef(columnName, type, notNull, defaultSql));
        int ordinal = columns.size() - 1;
        if (spec.primaryKey()) setPrimaryKey(List.of(ordinal), null);
        if (spec.unique()) addUnique(List.of(ordinal), null);
    }

    int columnOrdinal(String columnName) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equals(columnName)) return i;
        return -1;
    }

    List<Integer> ordinals(List<Index.ColumnParams> params) {
        List<Integer> out = new ArrayList<>();
        for (Index.ColumnParams p : params) {
            String c = Names.ident(p.getColumnName());
            int i = columnOrdinal(c);
            if (i < 0) throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + c + "\" named in key does not exist");
            out.add(i);
        }
        return out;
    }

    void setPrimaryKey(List<Integer> ordinals, String constraintName) {
        if (!primaryKey.isEmpty()) throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \"" + name + "\" are not allowed");
        primaryKey.addAll(ordinals);
        primaryKeyName = constraintName != null ? constraintName : name + "_pkey";
        for (int i : ordinals) {
            ColumnDef c = columns.get(i);
            columns.set(i, new ColumnDef(c.name(), c.type(), true, c.defaultSql()));
        }
    }

    void addUnique(List<Integer> ordinals, String constraintName) {
        uniqueColumns.add(ordinals);
        uniqueNames.add(constraintName);
    }

    void addTableConstraint(Index index) {
        String kind = String.valueOf(index.getKind());
        String constraintName = index.getName() == null ? null : Names.ident(index.getName());
        if (kind.equals("PRIMARY_KEY") || "PRIMARY KEY".equalsIgnoreCase(index.getType())) setPrimaryKey(ordinals(index.getColumns()), constraintName);
        else if (kind.equals("UNIQUE") || "UNIQUE".equalsIgnoreCase(index.getType())) addUnique(ordinals(index.getColumns()), constraintName);
        // FOREIGN KEY and CHECK constraints are accepted and not enforced.
    }

    static String defaultIndexName(String table, List<String> columnNames, String suffix) {
        return table + "_" + String.join("_", columnNames) + "_" + suffix;
    }

    /** Finishes: unique indexes, the hidden-key sequence, then ids for indexes and sequences. */
    DdlPlan build() {
        for (int u = 0; u < uniqueColumns.size(); u++) {
            List<Integer> cols = uniqueColumns.get(u);
            if (cols.equals(primaryKey)) continue;
            List<String> names = cols.stream().map(i -> columns.get(i).name()).toList();
            String indexName = uniqueNames.get(u) != null ? uniqueNames.get(u) : defaultIndexName(name, names, "key");
            List<Boolean> asc = cols.stream().map(i -> Boolean.FALSE).toList();
            indexes.add(new IndexDef(nextId++, indexName, tableId, cols, asc, true, null, true));
        }
        long hiddenSequenceId = 0;
        if (primaryKey.isEmpty()) {
            sequences.add(new SequenceDef(-2, schema, name + "_rowid_seq", 1, 1, 1, Long.MAX_VALUE, false, tableId));
        }
        List<SequenceDef> withIds = new ArrayList<>();
        for (SequenceDef s : sequences) {
            long id = nextId++;
            if (s.id() == -2) hiddenSequenceId = id;
            withIds.add(new SequenceDef(id, s.schema(), s.name(), s.start(), s.increment(), s.minValue(), s.maxValue(), s.cycle(), s.ownedByTableId()));
        }
        TableDef table = new TableDef(tableId, schema, name, List.copyOf(columns), List.copyOf(primaryKey),
                primaryKey.isEmpty() ? null : primaryKeyName, List.copyOf(indexes), hiddenSequenceId);
        return new DdlPlan(table, withIds);
    }

    record DdlPlan(TableDef table, List<SequenceDef> sequences) {}
}
