package io.tableos.db.catalog.system;

import io.tableos.db.catalog.SystemTable;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tableos.db.catalog.system.CatalogFixture.ACCOUNTS_ID;
import static io.tableos.db.catalog.system.CatalogFixture.BALANCE_INDEX_ID;
import static io.tableos.db.catalog.system.CatalogFixture.ITEMS_ID;
import static io.tableos.db.catalog.system.CatalogFixture.OWNER_CODE_KEY_ID;
import static io.tableos.db.catalog.system.CatalogFixture.OWNER_CREATED_INDEX_ID;
import static io.tableos.db.catalog.system.CatalogFixture.SEQUENCE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pg_catalog rows for the reference schema of {@link CatalogFixture}, compared value by value
 * with what PostgreSQL 15.18 stores for the same DDL (OIDs aside: ours are catalog ids).
 * Rows are built under -ea, so every value is also checked against its column's Java type.
 */
class PgCatalogTablesTest {
    private final CatalogFixture fixture = new CatalogFixture();

    private static SqlArray shorts(int... values) {
        Object[] elements = new Object[values.length];
        for (int i = 0; i < values.length; i++) elements[i] = (short) values[i];
        return new SqlArray(SqlType.INT2, elements);
    }

    private static SqlArray oids(long... values) {
        Object[] elements = new Object[values.length];
        for (int i = 0; i < values.length; i++) elements[i] = values[i];
        return new SqlArray(SqlType.OID, elements);
    }

    @Test
    void everyRegisteredTableScansWithWellTypedRowsAndDistinctOids() {
        Set<Long> oids = new HashSet<>();
        for (SystemTable table : fixture.registry.all()) {
            fixture.rows(table.schema(), table.name());
            assertTrue(oids.add(ObjectIds.systemTableOid(table.schema(), table.name())), table.name());
        }
        assertTrue(fixture.registry.all().size() > 60);
    }

    @Test
    void namespacesHaveStableOids() {
        Map<String, Object> publicSchema = fixture.onlyRowWhere("pg_catalog", "pg_namespace", "nspname", "public");
        assertEquals(2200L, publicSchema.get("oid"));
        assertEquals(ObjectIds.DATABASE_OWNER_ROLE_OID, publicSchema.get("nspowner"), "pg_database_owner, as in PostgreSQL 15");
        assertEquals(10L, fixture.onlyRowWhere("pg_catalog", "pg_namespace", "nspname", "s1").get("nspowner"));
        assertEquals(11L, fixture.onlyRowWhere("pg_catalog", "pg_namespace", "nspname", "pg_catalog").get("oid"));
        long s1 = (Long) fixture.onlyRowWhere("pg_catalog", "pg_namespace", "nspname", "s1").get("oid");
        assertEquals(fixture.catalog.schemaOid("s1"), s1);
        assertTrue(s1 >= ObjectIds.OBJECT_ID_LIMIT && s1 <= 0xFFFF_FFFFL, "derived OIDs stay within 32 bits: " + s1);
        assertEquals(s1, new io.tableos.db.catalog.Catalog().schemaOid("s1"), "derived from the name alone");
    }

    @Test
    void pgClassDescribesTablesIndexesSequencesAndSystemTables() {
        Map<String, Object> accounts = fixture.onlyRowWhere("pg_catalog", "pg_class", "oid", ACCOUNTS_ID);
        assertEquals("accounts", accounts.get("relname"));
        assertEquals(2200L, accounts.get("relnamespace"));
        assertEquals("r", accounts.get("relkind"));
        assertEquals(2L, accounts.get("relam"));
        assertEquals(10L, accounts.get("relowner"));
        assertEquals(true, accounts.get("relhasindex"));
        assertEquals((short) 6, accounts.get("relnatts"));
        assertEquals(-1.0f, accounts.get("reltuples"));
        assertEquals("p", accounts.get("relpersistence"));
        assertEquals("d", accounts.get("relreplident"));
        assertEquals(false, accounts.get("relispartition"));
        assertEquals(true, accounts.get("relispopulated"));
        assertEquals((short) 0, accounts.get("relchecks"));
        assertEquals(0L, accounts.get("reltablespace"));
        assertNull(accounts.get("reloptions"));

        Map<String, Object> primaryKey = fixture.onlyRowWhere("pg_catalog", "pg_class", "relname", "accounts_pkey");
        assertEquals("i", primaryKey.get("relkind"));
        assertEquals(403L, primaryKey.get("relam"));
        assertEquals(ObjectIds.primaryKeyIndexOid(ACCOUNTS_ID), primaryKey.get("oid"));
        assertEquals((short) 1, primaryKey.get("relnatts"));
        assertEquals("n", primaryKey.get("relreplident"));

        Map<String, Object> sequence = fixture.onlyRowWhere("pg_catalog", "pg_class", "oid", SEQUENCE_ID);
        assertEquals("S", sequence.get("relkind"));
        assertEquals(0L, sequence.get("relam"));

        assertEquals(false, fixture.onlyRowWhere("pg_catalog", "pg_class", "oid", ITEMS_ID).get("relhasindex"));

        Map<String, Object> pgClass = fixture.onlyRowWhere("pg_catalog", "pg_class", "relname", "pg_class");
        assertEquals(1259L, pgClass.get("oid"));
        assertEquals("v", pgClass.get("relkind"));
        assertEquals(11L, pgClass.get("relnamespace"));
    }

    @Test
    void pgAttributeMatchesPostgres() {
        List<Map<String, Object>> columns = fixture.rowsWhere("pg_catalog", "pg_attribute", "attrelid", ACCOUNTS_ID);
        assertEquals(6, columns.size());
        // attname, atttypid, attlen, attnum, atttypmod, attbyval, attalign, attstorage, attnotnull, atthasdef, attndims, attcollation
        Object[][] expected = {
                {"id", 23L, (short) 4, (short) 1, -1, true, "i", "p", true, true, 0, 0L},
                {"owner", 1043L, (short) -1, (short) 2, 44, false, "i", "x", true, false, 0, 100L},
                {"balance", 1700L, (short) -1, (short) 3, 786438, false, "i", "m", false, true, 0, 0L},
                {"code", 1042L, (short) -1, (short) 4, 7, false, "i", "x", false, false, 0, 100L},
                {"created", 1184L, (short) 8, (short) 5, -1, true, "d", "p", false, true, 0, 0L},
                {"tags", 1009L, (short) -1, (short) 6, -1, false, "i", "x", false, false, 1, 100L}};
        String[] names = {"attname", "atttypid", "attlen", "attnum", "atttypmod", "attbyval", "attalign", "attstorage",
                "attnotnull", "atthasdef", "attndims", "attcollation"};
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < names.length; c++) {
                assertEquals(expected[r][c], columns.get(r).get(names[c]), expected[r][0] + "." + names[c]);
            }
            assertEquals(false, columns.get(r).get("attisdropped"));
            assertEquals("", columns.get(r).get("attidentity"));
            assertEquals("", columns.get(r).get("attgenerated"));
            assertEquals(-1, columns.get(r).get("attstattarget"));
        }
        List<Map<String, Object>> indexColumns = fixture.rowsWhere("pg_catalog", "pg_attribute", "attrelid", OWNER_CREATED_INDEX_ID);
        assertEquals(List.of("owner", "created"), indexColumns.stream().map(row -> row.get("attname")).toList());
        assertEquals(false, indexColumns.get(0).get("atthasdef"));
    }

    @Test
    void pgIndexMatchesPostgres() {
        Map<String, Object> primaryKey = fixture.onlyRowWhere("pg_catalog", "pg_index", "indexrelid", ObjectIds.primaryKeyIndexOid(ACCOUNTS_ID));
        assertEquals(ACCOUNTS_ID, primaryKey.get("indrelid"));
        assertEquals(true, primaryKey.get("indisprimary"));
        assertEquals(true, primaryKey.get("indisunique"));
        assertEquals(shorts(1), primaryKey.get("indkey"));
        assertEquals(oids(1978), primaryKey.get("indclass"));
        assertEquals(oids(0), primaryKey.get("indcollation"));
        assertEquals(shorts(0), primaryKey.get("indoption"));

        Map<String, Object> unique = fixture.onlyRowWhere("pg_catalog", "pg_index", "indexrelid", OWNER_CODE_KEY_ID);
        assertEquals((short) 2, unique.get("indnatts"));
        assertEquals((short) 2, unique.get("indnkeyatts"));
        assertEquals(false, unique.get("indisprimary"));
        assertEquals(true, unique.get("indisunique"));
        assertEquals(shorts(2, 4), unique.get("indkey"));
        assertEquals(oids(100, 100), unique.get("indcollation"));
        assertEquals(oids(3126, 10004), unique.get("indclass"));

        Map<String, Object> partial = fixture.onlyRowWhere("pg_catalog", "pg_index", "indexrelid", BALANCE_INDEX_ID);
        assertEquals(false, partial.get("indisunique"));
        assertEquals(shorts(3), partial.get("indkey"));
        assertEquals(shorts(3), partial.get("indoption"), "DESC = 1 | NULLS FIRST = 2");
        assertEquals(oids(3125), partial.get("indclass"));
        assertEquals("balance > 0", partial.get("indpred"));
        assertEquals(true, partial.get("indisvalid"));
        assertEquals(false, partial.get("indisclustered"));

        assertEquals(oids(3126, 3127), fixture.onlyRowWhere("pg_catalog", "pg_index", "indexrelid", OWNER_CREATED_INDEX_ID).get("indclass"));
        assertEquals(5, fixture.rows("pg_catalog", "pg_index").size(), "4 on accounts, 1 on s1.other, none on items");
    }

    @Test
    void pgConstraintMatchesPostgres() {
        List<Map<String, Object>> constraints = fixture.rowsWhere("pg_catalog", "pg_constraint", "conrelid", ACCOUNTS_ID);
        assertEquals(2, constraints.size());
        Map<String, Object> primaryKey = fixture.onlyRowWhere("pg_catalog", "pg_constraint", "conname", "accounts_pkey");
        assertEquals("p", primaryKey.get("contype"));
        assertEquals(2200L, primaryKey.get("connamespace"));
        assertEquals(ObjectIds.primaryKeyIndexOid(ACCOUNTS_ID), primaryKey.get("conindid"));
        assertEquals(shorts(1), primaryKey.get("conkey"));
        assertEquals(false, primaryKey.get("condeferrable"));
        assertEquals(true, primaryKey.get("convalidated"));
        assertNull(primaryKey.get("confkey"));
        Map<String, Object> unique = fixture.onlyRowWhere("pg_catalog", "pg_constraint", "conname", "accounts_owner_code_key");
        assertEquals("u", unique.get("contype"));
        assertEquals(OWNER_CODE_KEY_ID, unique.get("conindid"));
        assertEquals(shorts(2, 4), unique.get("conkey"));
        assertEquals(ObjectIds.uniqueConstraintOid(OWNER_CODE_KEY_ID), unique.get("oid"));
    }

    @Test
    void defaultsAndSequences() {
        List<Map<String, Object>> defaults = fixture.rowsWhere("pg_catalog", "pg_attrdef", "adrelid", ACCOUNTS_ID);
        assertEquals(List.of((short) 1, (short) 3, (short) 5), defaults.stream().map(row -> row.get("adnum")).toList());
        assertEquals("nextval('accounts_id_seq')", defaults.get(0).get("adbin"));
        assertEquals(3, defaults.stream().map(row -> row.get("oid")).distinct().count());

        Map<String, Object> sequence = fixture.onlyRowWhere("pg_catalog", "pg_sequence", "seqrelid", SEQUENCE_ID);
        assertEquals(23L, sequence.get("seqtypid"), "serial draws integers");
        assertEquals(2147483647L, sequence.get("seqmax"));
        assertEquals(1L, sequence.get("seqstart"));
        assertEquals(false, sequence.get("seqcycle"));
        assertTrue(fixture.rowsWhere("pg_catalog", "pg_sequence", "seqrelid", CatalogFixture.ITEMS_ROW_ID_SEQUENCE_ID).isEmpty(),
                "a hidden row-id sequence is not a PostgreSQL object");
        assertTrue(fixture.rowsWhere("pg_catalog", "pg_class", "oid", CatalogFixture.ITEMS_ROW_ID_SEQUENCE_ID).isEmpty());

        Map<String, Object> ownedBy = fixture.onlyRowWhere("pg_catalog", "pg_depend", "objid", SEQUENCE_ID);
        assertEquals(1259L, ownedBy.get("classid"));
        assertEquals(ACCOUNTS_ID, ownedBy.get("refobjid"));
        assertEquals(1, ownedBy.get("refobjsubid"));
        assertEquals("a", ownedBy.get("deptype"));
    }

    @Test
    void pgTypeMatchesPostgres() {
        Map<String, Object> int4 = fixture.onlyRowWhere("pg_catalog", "pg_type", "oid", 23L);
        assertEquals("int4", int4.get("typname"));
        assertEquals((short) 4, int4.get("typlen"));
        assertEquals("b", int4.get("typtype"));
        assertEquals("N", int4.get("typcategory"));
        assertEquals(1007L, int4.get("typarray"));
        assertEquals("int4in", int4.get("typinput"));
        assertEquals(0L, int4.get("typbasetype"));
        assertEquals(-1, int4.get("typtypmod"));
        assertEquals(",", int4.get("typdelim"));
        Map<String, Object> textArray = fixture.onlyRowWhere("pg_catalog", "pg_type", "typname", "_text");
        assertEquals(1009L, textArray.get("oid"));
        assertEquals(25L, textArray.get("typelem"));
        assertEquals("array_in", textArray.get("typinput"));
        assertEquals("A", textArray.get("typcategory"));
        assertEquals(100L, textArray.get("typcollation"));
        assertEquals("timestamptz", fixture.onlyRowWhere("pg_catalog", "pg_type", "oid", 1184L).get("typname"));
        assertEquals("bpchar", fixture.onlyRowWhere("pg_catalog", "pg_type", "oid", 1042L).get("typname"));
    }

    @Test
    void serverCatalogs() {
        assertEquals(List.of("postgres", "tableos"), fixture.rows("pg_catalog", "pg_database").stream().map(r -> r.get("datname")).toList(),
                "every database name of the cluster");
        Map<String, Object> database = fixture.onlyRowWhere("pg_catalog", "pg_database", "datname", "tableos");
        assertEquals(ObjectIds.DATABASE_OID, database.get("oid"), "the connected database has the OID other catalogs name");
        assertEquals(6, database.get("encoding"));
        assertEquals(10L, database.get("datdba"));
        assertEquals(true, database.get("datallowconn"));
        assertEquals(-1, database.get("datconnlimit"));
        assertNull(database.get("datacl"));

        assertEquals("32", fixture.onlyRowWhere("pg_catalog", "pg_settings", "name", "max_index_keys").get("setting"));
        Map<String, Object> applicationName = fixture.onlyRowWhere("pg_catalog", "pg_settings", "name", "application_name");
        assertEquals("psql", applicationName.get("setting"));
        assertEquals("string", applicationName.get("vartype"));
        assertEquals("user", applicationName.get("context"));

        Map<String, Object> role = fixture.onlyRowWhere("pg_catalog", "pg_roles", "oid", 10L);
        assertEquals("tableos", role.get("rolname"));
        assertEquals(true, role.get("rolsuper"));
        assertEquals("btree", fixture.onlyRowWhere("pg_catalog", "pg_am", "oid", 403L).get("amname"));
        assertEquals("pg_default", fixture.onlyRowWhere("pg_catalog", "pg_tablespace", "oid", 1663L).get("spcname"));
        assertEquals("C", fixture.onlyRowWhere("pg_catalog", "pg_collation", "oid", 950L).get("collname"));
        assertTrue(fixture.rows("pg_catalog", "pg_policy").isEmpty());
        assertEquals(List.of("polname", "polrelid", "polcmd", "polpermissive", "polroles", "polqual", "polwithcheck"),
                fixture.registry.find("pg_catalog", "pg_policy").columns().stream().skip(1).map(c -> c.name()).toList());
    }

    @Test
    void convenienceViews() {
        Map<String, Object> index = fixture.onlyRowWhere("pg_catalog", "pg_indexes", "indexname", "accounts_pkey");
        assertEquals("CREATE UNIQUE INDEX accounts_pkey ON public.accounts USING btree (id)", index.get("indexdef"));
        Map<String, Object> table = fixture.onlyRowWhere("pg_catalog", "pg_tables", "tablename", "items");
        assertEquals(false, table.get("hasindexes"));
        assertEquals("public", table.get("schemaname"));
    }

    @Test
    void snapshotIsReusedUntilTheCatalogChanges() {
        PgObjects.Snapshot first = fixture.objects.at(fixture.catalog);
        assertTrue(first == fixture.objects.at(fixture.catalog));
        fixture.catalog.createSchema("s2");
        PgObjects.Snapshot second = fixture.objects.at(fixture.catalog);
        assertFalse(first == second);
        assertTrue(second.namespaces().containsKey("s2"));
    }
}
