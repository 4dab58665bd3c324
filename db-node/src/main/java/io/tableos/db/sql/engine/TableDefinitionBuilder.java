package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.plan.TypeNames;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;

/**
 * Turns CREATE TABLE (and ALTER TABLE ADD COLUMN) into catalog definitions: column types
 * through Casts.parseTypeName, serial and identity columns with owned sequences, primary key
 * and UNIQUE constraints, the hidden row-id sequence of a table without primary key. Object
 * ids are handed out from {@code nextId} upwards (the catalog's next free id, read under the
 * engine's DDL lock). CHECK and REFERENCES become constraints through {@link ConstraintDdl}; WITH (...) storage
 * options, TEMP and ON COMMIT are ignored.
 */
final class TableDefinitionBuilder {
    /**
     * A column as declared, before ids are known.
     *
     * @param constraints its CHECK and REFERENCES constraints, in the order written
     */
    record DeclaredColumn(ColumnDef column, String serialType, boolean primaryKey, boolean unique, String constraintName,
                          List<ConstraintDdl.ColumnConstraint> constraints) {}

    private final Catalog catalog;
    /** Where the tables named by REFERENCES are looked up. */
    private final SearchPath searchPath;
    private long nextId;

    TableDefinitionBuilder(Catalog catalog, SearchPath searchPath) {
        this.catalog = catalog;
        this.searchPath = searchPath;
        this.nextId = catalog.peekNextObjectId();
    }

    long allocateId() {
        return nextId++;
    }

    /** The table and the sequences it owns. */
    record Result(TableDef table, List<SequenceDef> ownedSequences) {}

    Result build(CreateTable ct, DdlNames.Qualified name) {
        long tableId = allocateId();
        List<ColumnDef> columns = new ArrayList<>();
        List<SequenceDef> sequences = new ArrayList<>();
        Set<String> takenNames = new HashSet<>();
        takenNames.add(name.name());
        List<Integer> primaryKey = new ArrayList<>();
        String primaryKeyName = null;
        List<List<Integer>> uniques = new ArrayList<>();
        List<String> uniqueNames = new ArrayList<>();
        if (ct.getColumnDefinitions() == null || ct.getColumnDefinitions().isEmpty()) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "CREATE TABLE needs a column list");
        }
        List<DeclaredColumn> declared = new ArrayList<>();
        for (ColumnDefinition cd : ct.getColumnDefinitions()) {
            DeclaredColumn dc = declare(cd.getColumnName(), cd.getColDataType(), cd.getColumnSpecs());
            declared.add(dc);
            ColumnDef c = dc.column();
            if (columns.stream().anyMatch(x -> x.name().equals(c.name()))) {
                throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
            }
            int ordinal = columns.size();
            ColumnDef finished = c;
            if (dc.serialType() != null) {
                SequenceDef seq = ownedSequence(name, c.name(), dc.serialType(), tableId, takenNames);
                sequences.add(seq);
                finished = new ColumnDef(c.name(), c.type(), true, nextvalDefault(name.schema(), seq.name()));
            }
            columns.add(finished);
            if (dc.primaryKey()) {
                if (!primaryKey.isEmpty()) throw multiplePrimaryKeys(name);
                primaryKey.add(ordinal);
                primaryKeyName = dc.constraintName();
            }
            if (dc.unique()) {
                uniques.add(List.of(ordinal));
                uniqueNames.add(dc.primaryKey() ? null : dc.constraintName());
            }
        }
        if (ct.getIndexes() != null) {
            for (Index index : ct.getIndexes()) {
                if (ConstraintDdl.handles(index)) continue; // CHECK, FOREIGN KEY: added once the table is defined
                String type = index.getType() == null ? "" : index.getType().toLowerCase(Locale.ROOT);
                List<Integer> ordinals = ordinals(columns, index.getColumnsNames(), name);
                String constraintName = index.getName() == null ? null : DdlNames.ident(index.getName());
                if (type.equals("primary key")) {
                    if (!primaryKey.isEmpty()) throw multiplePrimaryKeys(name);
                    primaryKey.addAll(ordinals);
                    primaryKeyName = constraintName;
                } else if (type.equals("unique") || type.equals("unique key")) {
                    uniques.add(ordinals);
                    uniqueNames.add(constraintName);
                }
            }
        }
        for (int ordinal : primaryKey) {
            ColumnDef c = columns.get(ordinal);
            columns.set(ordinal, new ColumnDef(c.name(), c.type(), true, c.defaultSql()));
        }
        if (!primaryKey.isEmpty()) {
            if (primaryKeyName == null) primaryKeyName = DdlNames.derived(catalog, name.schema(), name.name(), List.of(), "pkey", takenNames);
            else takeConstraintName(name, primaryKeyName, takenNames);
        }
        List<IndexDef> indexes = new ArrayList<>();
        for (int i = 0; i < uniques.size(); i++) {
            List<Integer> ordinals = uniques.get(i);
            if (ordinals.equals(primaryKey)) continue; // PRIMARY KEY UNIQUE: the key already enforces it
            String indexName = uniqueNames.get(i);
            if (indexName == null) indexName = DdlNames.derived(catalog, name.schema(), name.name(), columnNames(columns, ordinals), "key", takenNames);
            else takeConstraintName(name, indexName, takenNames);
            indexes.add(new IndexDef(allocateId(), indexName, tableId, ordinals, falses(ordinals.size()), true, null, true));
        }
        long hiddenKeySequenceId = 0;
        if (primaryKey.isEmpty()) {
            String seqName = DdlNames.derived(catalog, name.schema(), name.name(), List.of(), "rowid_seq", takenNames);
            SequenceDef rowIds = new SequenceDef(allocateId(), name.schema(), seqName, 1, 1, 1, Long.MAX_VALUE, false, tableId);
            sequences.add(rowIds);
            hiddenKeySequenceId = rowIds.id();
        }
        TableDef table = new TableDef(tableId, name.schema(), name.name(), List.copyOf(columns), List.copyOf(primaryKey),
                primaryKeyName, List.copyOf(indexes), hiddenKeySequenceId);
        ConstraintDdl constraints = new ConstraintDdl(catalog, searchPath, this::allocateId, name.schema(), takenNames);
        for (int i = 0; i < declared.size(); i++) table = constraints.addColumnConstraints(table, i, declared.get(i).constraints());
        if (ct.getIndexes() != null) {
            for (Index index : ct.getIndexes()) if (ConstraintDdl.handles(index)) table = constraints.addTableConstraint(table, index, null);
        }
        return new Result(table, sequences);
    }

    private void takeConstraintName(DdlNames.Qualified table, String constraintName, Set<String> takenNames) {
        if (takenNames.contains(constraintName) || DdlNames.relationExists(catalog, table.schema(), constraintName)) {
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + constraintName + "\" already exists");
        }
        takenNames.add(constraintName);
    }

    SequenceDef ownedSequence(DdlNames.Qualified table, String column, String serialType, long tableId, Set<String> takenNames) {
        String seqName = DdlNames.derived(catalog, table.schema(), table.name(), List.of(column), "seq", takenNames);
        long max = switch (serialType) {
            case "int2" -> Short.MAX_VALUE;
            case "int4" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        return new SequenceDef(allocateId(), table.schema(), seqName, 1, 1, 1, max, false, tableId);
    }

    static String nextvalDefault(String schema, String sequenceName) {
        String qualified = schema.equals("public") ? sequenceName : schema + "." + sequenceName;
        return "nextval('" + qualified.replace("'", "''") + "'::regclass)";
    }

    /** A column cannot hold a row value or void (CREATE TABLE AS SELECT (a, b) meets this), as in PostgreSQL. */
    private static void checkNotPseudoType(String column, String typeText) {
        String type = typeText.strip().toLowerCase(Locale.ROOT);
        if (type.startsWith("pg_catalog.")) type = type.substring("pg_catalog.".length());
        if (type.equals("record") || type.equals("void")) {
            throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "column \"" + column + "\" has pseudo-type " + type);
        }
    }

    /**
     * One column definition: its type and the column constraints in JSqlParser's token list
     * (NOT NULL, NULL, DEFAULT expr, PRIMARY KEY, UNIQUE, CONSTRAINT name, REFERENCES ...,
     * CHECK (...), GENERATED ... AS IDENTITY, COLLATE x).
     */
    static DeclaredColumn declare(String rawName, ColDataType colType, List<String> specs) {
        String name = DdlNames.ident(rawName);
        String typeText = typeText(colType);
        checkNotPseudoType(name, typeText);
        DataType type = Casts.parseTypeName(typeText);
        String serialType = TypeNames.isSerial(typeText) ? type.type().name().toLowerCase(Locale.ROOT) : null;
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        String defaultSql = null;
        String constraintName = null;
        String pendingName = null;
        List<ConstraintDdl.ColumnConstraint> constraints = new ArrayList<>();
        if (specs != null) {
            for (int i = 0; i < specs.size(); i++) {
                String token = specs.get(i);
                String lower = token.toLowerCase(Locale.ROOT);
                if (lower.equals("not") && i + 1 < specs.size() && specs.get(i + 1).equalsIgnoreCase("null")) {
                    notNull = true;
                    i++;
                } else if (lower.equals("null")) {
                    notNull = false;
                } else if (lower.equals("primary") && i + 1 < specs.size() && specs.get(i + 1).equalsIgnoreCase("key")) {
                    primaryKey = true;
                    if (pendingName != null) constraintName = pendingName;
                    i++;
                } else if (lower.equals("unique")) {
                    unique = true;
                    if (pendingName != null) constraintName = pendingName;
                } else if (lower.equals("default") && i + 1 < specs.size()) {
                    defaultSql = specs.get(++i);
                } else if (lower.equals("constraint") && i + 1 < specs.size()) {
                    pendingName = DdlNames.ident(specs.get(++i));
                    continue;
                } else if (lower.startsWith("generated") && lower.contains("identity")) {
                    if (type.type() != SqlType.INT2 && type.type() != SqlType.INT4 && type.type() != SqlType.INT8) {
                        throw new DbException(SqlState.DATATYPE_MISMATCH, "identity column type must be smallint, integer, or bigint");
                    }
                    serialType = type.type().name().toLowerCase(Locale.ROOT);
                } else if (lower.equals("check") && i + 1 < specs.size()) {
                    constraints.add(new ConstraintDdl.ColumnConstraint(pendingName, ConstraintDdl.unparenthesized(specs.get(++i)), null));
                } else if (lower.startsWith("references")) { // REFERENCES t (c) ON DELETE ... arrives as one token
                    constraints.add(new ConstraintDdl.ColumnConstraint(pendingName, null, token));
                } else if (lower.equals("collate") && i + 1 < specs.size()) {
                    i++;
                }
                pendingName = null;
            }
        }
        if (serialType != null && defaultSql != null) {
            throw new DbException(SqlState.SYNTAX_ERROR, "multiple default values specified for column \"" + name + "\"");
        }
        return new DeclaredColumn(new ColumnDef(name, type, notNull || primaryKey, defaultSql), serialType, primaryKey, unique, constraintName,
                List.copyOf(constraints));
    }

    /** JSqlParser's type syntax as one type name with modifiers and [] ("varchar(20)", "int[]"). */
    static String typeText(ColDataType t) {
        String base = t.getDataType().trim().replaceAll("\\s+", " ").replace(" (", "(").replace(", ", ",");
        if (base.startsWith("\"") && base.endsWith("\"")) base = base.substring(1, base.length() - 1);
        List<String> args = t.getArgumentsStringList();
        if (args != null && !args.isEmpty() && !base.contains("(")) base = base + "(" + String.join(",", args) + ")";
        boolean array = t.getArrayData() != null && !t.getArrayData().isEmpty();
        return array && !base.endsWith("[]") ? base + "[]" : base;
    }

    static List<Integer> ordinals(List<ColumnDef> columns, List<String> names, DdlNames.Qualified table) {
        List<Integer> out = new ArrayList<>();
        for (String raw : names) {
            String n = DdlNames.ident(raw);
            int found = -1;
            for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equals(n)) found = i;
            if (found < 0) throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + n + "\" named in key does not exist");
            if (out.contains(found)) throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + n + "\" appears twice in primary key constraint");
            out.add(found);
        }
        return out;
    }

    static List<String> columnNames(List<ColumnDef> columns, List<Integer> ordinals) {
        List<String> out = new ArrayList<>();
        for (int o : ordinals) out.add(columns.get(o).name());
        return out;
    }

    static List<Boolean> falses(int n) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Boolean.FALSE);
        return out;
    }

    static DbException multiplePrimaryKeys(DdlNames.Qualified table) {
        return new DbException(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \"" + table.name() + "\" are not allowed");
    }
}
