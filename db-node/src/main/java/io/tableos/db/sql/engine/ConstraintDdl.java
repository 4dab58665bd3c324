package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.catalog.CheckConstraintDef;
import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.ReferentialAction;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.plan.ConstraintPlanner;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;

/**
 * Turns declared CHECK and FOREIGN KEY constraints (column or table level, CREATE TABLE or
 * ALTER TABLE ADD) into catalog definitions added to a {@link TableDef}: names (PostgreSQL's
 * {@code t_a_check}, {@code t_check}, {@code t_a_b_fkey}, unique in the schema), referenced
 * columns (the parent's primary key when none are written; they must be its primary key or
 * a unique constraint: 42830), column type compatibility (42804) and actions. MATCH SIMPLE
 * only; DEFERRABLE is accepted but checked at the end of each statement.
 */
final class ConstraintDdl {
    /** A column's CHECK (expression text) or REFERENCES (the whole clause as JSqlParser hands it over). */
    record ColumnConstraint(String name, String checkSql, String referencesSql) {}

    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[^\\s(),.\"]+)";
    private static final Pattern REFERENCES = Pattern.compile(
            "^REFERENCES\\s+(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?)\\s*(?:\\(([^)]*)\\))?(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ACTION = Pattern.compile(
            "ON\\s+(DELETE|UPDATE)\\s+(NO\\s+ACTION|RESTRICT|CASCADE|SET\\s+NULL|SET\\s+DEFAULT)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IDENTIFIER = Pattern.compile("'(?:[^']|'')*'|\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_$]*)");

    private final Catalog catalog;
    /** Where an unqualified REFERENCES table is looked up. */
    private final SearchPath searchPath;
    private final LongSupplier ids;
    /** Constraint names in use in the schema (derived names avoid them). */
    private final Set<String> taken;

    ConstraintDdl(Catalog catalog, SearchPath searchPath, LongSupplier ids, String schema, Set<String> taken) {
        this.catalog = catalog;
        this.searchPath = searchPath;
        this.ids = ids;
        this.taken = taken;
        for (TableDef t : catalog.tables()) {
            if (!t.schema().equals(schema)) continue;
            taken.addAll(constraintNames(t));
        }
    }

    /** Names of the table's constraints: primary key, UNIQUE, CHECK and FOREIGN KEY. */
    static Set<String> constraintNames(TableDef t) {
        Set<String> names = new LinkedHashSet<>();
        if (!t.hasHiddenKey()) names.add(t.primaryKeyName() != null ? t.primaryKeyName() : t.name() + "_pkey");
        for (IndexDef i : t.indexes()) if (i.constraint()) names.add(i.name());
        for (CheckConstraintDef c : t.checks()) names.add(c.name());
        for (ForeignKeyDef f : t.foreignKeys()) names.add(f.name());
        return names;
    }

    /** The table with a column's CHECK and REFERENCES constraints added. */
    TableDef addColumnConstraints(TableDef table, int ordinal, List<ColumnConstraint> constraints) {
        for (ColumnConstraint c : constraints) {
            if (c.checkSql() != null) {
                table = addCheck(table, c.name(), c.checkSql());
                continue;
            }
            Matcher m = REFERENCES.matcher(c.referencesSql().trim());
            if (!m.matches()) throw new DbException(SqlState.SYNTAX_ERROR, "cannot parse " + c.referencesSql());
            List<String> referenced = m.group(2) == null ? null : splitNames(m.group(2));
            String rest = m.group(3);
            table = addForeignKey(table, c.name(), List.of(table.columns().get(ordinal).name()), qualified(m.group(1)), referenced,
                    action(rest, "DELETE"), action(rest, "UPDATE"), rest);
        }
        return table;
    }

    /** True for the table-level constraints this class handles. */
    static boolean handles(Index index) {
        return index instanceof CheckConstraint || index instanceof ForeignKeyIndex;
    }

    /** The table with a table-level CHECK or FOREIGN KEY added; {@code name} overrides the index's own (ALTER ... ADD CONSTRAINT x). */
    TableDef addTableConstraint(TableDef table, Index index, String name) {
        String constraintName = name != null ? name : index.getName() == null ? null : DdlNames.ident(index.getName());
        if (index instanceof CheckConstraint check) {
            return addCheck(table, constraintName, unparenthesized(check.getExpression().toString()));
        }
        ForeignKeyIndex fk = (ForeignKeyIndex) index;
        Table parent = fk.getTable();
        List<String> referenced = fk.getReferencedColumnNames() == null || fk.getReferencedColumnNames().isEmpty() ? null
                : fk.getReferencedColumnNames().stream().map(DdlNames::ident).toList();
        String text = fk.toString();
        return addForeignKey(table, constraintName, fk.getColumnsNames().stream().map(DdlNames::ident).toList(), DdlNames.of(parent, searchPath, catalog),
                referenced, actionWords(fk.getOnDeleteReferenceOption()), actionWords(fk.getOnUpdateReferenceOption()), text);
    }

    TableDef addCheck(TableDef table, String name, String expressionSql) {
        if (name == null) {
            List<String> columns = referencedColumns(table, expressionSql);
            name = DdlNames.derived(catalog, table.schema(), table.name(), columns.size() == 1 ? columns : List.of(), "check", taken);
        } else {
            requireFreeName(table, name);
        }
        List<CheckConstraintDef> checks = new ArrayList<>(table.checks());
        checks.add(new CheckConstraintDef(ids.getAsLong(), name, expressionSql));
        return table.withConstraints(checks, table.foreignKeys());
    }

    private TableDef addForeignKey(TableDef child, String name, List<String> columnNames, DdlNames.Qualified parentName,
                                   List<String> referencedNames, ReferentialAction onDelete, ReferentialAction onUpdate, String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.contains("MATCH FULL") || upper.contains("MATCH PARTIAL")) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "MATCH FULL and MATCH PARTIAL foreign keys are not supported");
        }
        TableDef parent = parentName.schema().equals(child.schema()) && parentName.name().equals(child.name()) ? child
                : catalog.table(parentName.schema(), parentName.name());
        if (parent == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + parentName.display() + "\" does not exist");
        List<Integer> columns = ordinals(child, columnNames);
        List<Integer> referenced;
        if (referencedNames == null) {
            if (parent.hasHiddenKey()) {
                throw new DbException(SqlState.INVALID_FOREIGN_KEY, "there is no primary key for referenced table \"" + parent.name() + "\"");
            }
            referenced = parent.primaryKey();
        } else {
            referenced = ordinals(parent, referencedNames);
        }
        if (columns.size() != referenced.size()) {
            throw new DbException(SqlState.INVALID_FOREIGN_KEY, "number of referencing and referenced columns for foreign key disagree");
        }
        if (name == null) {
            name = DdlNames.derived(catalog, child.schema(), child.name(), TableDefinitionBuilder.columnNames(child.columns(), columns), "fkey", taken);
        } else {
            requireFreeName(child, name);
        }
        ConstraintPlanner.referencedIndex(parent, referenced, name);
        for (int i = 0; i < columns.size(); i++) requireComparable(name, child, columns.get(i), parent, referenced.get(i));
        List<ForeignKeyDef> foreignKeys = new ArrayList<>(child.foreignKeys());
        foreignKeys.add(new ForeignKeyDef(ids.getAsLong(), name, List.copyOf(columns), parent.id(), List.copyOf(referenced), onDelete, onUpdate));
        return child.withConstraints(child.checks(), foreignKeys);
    }

    private void requireFreeName(TableDef table, String name) {
        if (constraintNames(table).contains(name)) {
            throw new DbException(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for relation \"" + table.name() + "\" already exists");
        }
        taken.add(name);
    }

    /** PostgreSQL needs an equality operator between the two types; TableOS compares keys by encoding, so the families must match. */
    private static void requireComparable(String name, TableDef child, int column, TableDef parent, int referenced) {
        DataType a = child.columns().get(column).type(), b = parent.columns().get(referenced).type();
        SqlType x = a.type(), y = b.type();
        boolean ok = x == y ? (x != SqlType.ARRAY || a.element() == b.element())
                : (x.isNumeric() && y.isNumeric()) || (x.isText() && y.isText());
        if (!ok) {
            throw new DbException(SqlState.DATATYPE_MISMATCH, "foreign key constraint \"" + name + "\" cannot be implemented",
                    "Key columns \"" + child.columns().get(column).name() + "\" and \"" + parent.columns().get(referenced).name()
                            + "\" are of incompatible types: " + a.sqlName() + " and " + b.sqlName() + ".", null, 0, null);
        }
    }

    private static List<Integer> ordinals(TableDef table, List<String> names) {
        List<Integer> out = new ArrayList<>();
        for (String n : names) {
            int o = table.columnOrdinal(n);
            if (o < 0) throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + n + "\" referenced in foreign key constraint does not exist");
            out.add(o);
        }
        return out;
    }

    /** Distinct column names of the table the expression mentions, in order of appearance (string literals skipped). */
    static List<String> referencedColumns(TableDef table, String expressionSql) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(expressionSql);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1).replace("\"\"", "\"") : m.group(2) != null ? m.group(2).toLowerCase(Locale.ROOT) : null;
            if (name != null && table.columnOrdinal(name) >= 0) found.add(name);
        }
        return new ArrayList<>(found);
    }

    private static ReferentialAction action(String clauses, String event) {
        Matcher m = ACTION.matcher(clauses);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(event)) return actionWords(m.group(2));
        }
        return ReferentialAction.NO_ACTION;
    }

    static ReferentialAction actionWords(String words) {
        if (words == null) return ReferentialAction.NO_ACTION;
        return switch (words.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").replaceFirst("^ON (DELETE|UPDATE) ", "")) {
            case "RESTRICT" -> ReferentialAction.RESTRICT;
            case "CASCADE" -> ReferentialAction.CASCADE;
            case "SET NULL" -> ReferentialAction.SET_NULL;
            case "SET DEFAULT" -> ReferentialAction.SET_DEFAULT;
            default -> ReferentialAction.NO_ACTION;
        };
    }

    private static List<String> splitNames(String list) {
        List<String> out = new ArrayList<>();
        for (String part : list.split(",")) out.add(DdlNames.ident(part.trim()));
        return out;
    }

    private DdlNames.Qualified qualified(String written) {
        Matcher m = Pattern.compile(NAME).matcher(written);
        List<String> parts = new ArrayList<>();
        while (m.find()) parts.add(DdlNames.ident(m.group()));
        return parts.size() == 1 ? DdlNames.parse(parts.get(0), searchPath, catalog) : new DdlNames.Qualified(parts.get(0), parts.get(1));
    }

    /** {@code (a > 0)} as {@code a > 0}: one pair of parentheses around the whole text removed. */
    static String unparenthesized(String text) {
        String s = text.trim();
        if (!s.startsWith("(") || !s.endsWith(")")) return s;
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') quoted = !quoted;
            if (quoted) continue;
            if (c == '(') depth++;
            if (c == ')' && --depth == 0 && i < s.length() - 1) return s; // "(a) and (b)": not one pair
        }
        return s.substring(1, s.length() - 1).trim();
    }
}
