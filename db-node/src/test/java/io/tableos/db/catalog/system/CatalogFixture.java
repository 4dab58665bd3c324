package io.tableos.db.catalog.system;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of the reference DDL, built as the DDL executor would build it, so catalog
 * rows can be compared with what PostgreSQL 15.18 shows for the same statements:
 * <pre>
 * create table accounts(id serial primary key, owner varchar(40) not null, balance numeric(12,2) default 0,
 *     code char(3), created timestamptz default now(), tags text[], unique(owner, code));
 * create index accounts_balance_idx on accounts(balance desc) where balance > 0;
 * create index accounts_owner_created on accounts(owner, created);
 * create table items(k bigint, v text);          -- no primary key
 * create schema s1; create table s1.other(a int primary key);
 * </pre>
 */
public final class CatalogFixture {
    public static final long SEQUENCE_ID = 16384;
    public static final long ACCOUNTS_ID = 16385;
    public static final long OWNER_CODE_KEY_ID = 16386;
    public static final long BALANCE_INDEX_ID = 16387;
    public static final long OWNER_CREATED_INDEX_ID = 16388;
    public static final long ITEMS_ID = 16389;
    public static final long ITEMS_ROW_ID_SEQUENCE_ID = 16390;
    public static final long OTHER_ID = 16391;

    public final Catalog catalog = new Catalog();
    public final SystemTables registry = new SystemTables();
    public final PgObjects objects = CatalogSystemTables.registerAll(registry);
    public final Map<String, String> settings = new LinkedHashMap<>();

    public CatalogFixture() {
        catalog.putSequence(new SequenceDef(SEQUENCE_ID, "public", "accounts_id_seq", 1, 1, 1, Integer.MAX_VALUE, false, ACCOUNTS_ID));
        List<ColumnDef> accountColumns = List.of(
                new ColumnDef("id", DataType.INT4, true, "nextval('accounts_id_seq')"),
                new ColumnDef("owner", new DataType(SqlType.VARCHAR, 40, -1, null), true, null),
                new ColumnDef("balance", new DataType(SqlType.NUMERIC, 12, 2, null), false, "0"),
                new ColumnDef("code", new DataType(SqlType.BPCHAR, 3, -1, null), false, null),
                new ColumnDef("created", DataType.TIMESTAMPTZ, false, "now()"),
                new ColumnDef("tags", DataType.arrayOf(SqlType.TEXT), false, null));
        List<IndexDef> accountIndexes = List.of(
                new IndexDef(OWNER_CODE_KEY_ID, "accounts_owner_code_key", ACCOUNTS_ID, List.of(1, 3), List.of(false, false), true, null, true),
                new IndexDef(BALANCE_INDEX_ID, "accounts_balance_idx", ACCOUNTS_ID, List.of(2), List.of(true), false, "balance > 0", false),
                new IndexDef(OWNER_CREATED_INDEX_ID, "accounts_owner_created", ACCOUNTS_ID, List.of(1, 4), List.of(false, false), false, null, false));
        catalog.putTable(new TableDef(ACCOUNTS_ID, "public", "accounts", accountColumns, List.of(0), "accounts_pkey", accountIndexes, 0));
        catalog.putSequence(new SequenceDef(ITEMS_ROW_ID_SEQUENCE_ID, "public", "items_rowid_seq", 1, 1, 1, Long.MAX_VALUE, false, ITEMS_ID));
        catalog.putTable(new TableDef(ITEMS_ID, "public", "items",
                List.of(new ColumnDef("k", DataType.INT8, false, null), new ColumnDef("v", DataType.TEXT, false, null)),
                List.of(), null, List.of(), ITEMS_ROW_ID_SEQUENCE_ID));
        catalog.createSchema("s1");
        catalog.putTable(new TableDef(OTHER_ID, "s1", "other", List.of(new ColumnDef("a", DataType.INT4, true, null)),
                List.of(0), "other_pkey", List.of(), 0));
        settings.put("application_name", "psql");
        settings.put("search_path", "\"$user\", public");
    }

    public SystemTable.Context context() {
        return new SystemTable.Context() {
            @Override public Catalog catalog() { return catalog; }
            @Override public Map<String, String> settings() { return settings; }
            @Override public String currentUser() { return "tableos"; }
            @Override public String currentDatabase() { return "tableos"; }
        };
    }

    /** All rows of a system table, each as column name → value. */
    public List<Map<String, Object>> rows(String schema, String name) {
        SystemTable table = registry.find(schema, name);
        if (table == null) throw new AssertionError("no system table " + schema + "." + name);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object[] values : table.rows(context())) {
            if (values.length != table.columns().size()) throw new AssertionError("row width of " + name);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) row.put(table.columns().get(i).name(), values[i]);
            rows.add(row);
        }
        return rows;
    }

    public List<Map<String, Object>> rowsWhere(String schema, String name, String column, Object value) {
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> row : rows(schema, name)) if (value.equals(row.get(column))) matching.add(row);
        return matching;
    }

    public Map<String, Object> onlyRowWhere(String schema, String name, String column, Object value) {
        List<Map<String, Object>> matching = rowsWhere(schema, name, column, value);
        if (matching.size() != 1) throw new AssertionError(matching.size() + " rows of " + name + " where " + column + " = " + value);
        return matching.get(0);
    }
}
