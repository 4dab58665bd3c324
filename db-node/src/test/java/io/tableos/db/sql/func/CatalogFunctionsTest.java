package io.tableos.db.sql.func;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.catalog.system.CatalogFixture;
import io.tableos.db.catalog.system.ObjectIds;
import io.tableos.db.catalog.system.PgObjects;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tableos.db.catalog.system.CatalogFixture.ACCOUNTS_ID;
import static io.tableos.db.catalog.system.CatalogFixture.BALANCE_INDEX_ID;
import static io.tableos.db.catalog.system.CatalogFixture.OTHER_ID;
import static io.tableos.db.catalog.system.CatalogFixture.OWNER_CODE_KEY_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Catalog functions over the reference schema of {@link CatalogFixture}; every expected
 * string is what PostgreSQL 15.18 printed for the same DDL and arguments.
 */
class CatalogFunctionsTest {
    private final CatalogFixture fixture = new CatalogFixture();
    private final PgObjects.Snapshot objects = fixture.objects.at(fixture.catalog);

    @Test
    void formatTypeWithModifiers() {
        assertEquals("character varying(40)", CatalogFunctions.formatType(1043L, 44));
        assertEquals("character varying", CatalogFunctions.formatType(1043L, -1));
        assertEquals("character varying", CatalogFunctions.formatType(1043L, null));
        assertEquals("character(3)", CatalogFunctions.formatType(1042L, 7));
        assertEquals("bpchar", CatalogFunctions.formatType(1042L, -1));
        assertEquals("character", CatalogFunctions.formatType(1042L, null));
        assertEquals("numeric(12,2)", CatalogFunctions.formatType(1700L, 786438));
        assertEquals("numeric(10,0)", CatalogFunctions.formatType(1700L, (10 << 16) + 4));
        assertEquals("numeric", CatalogFunctions.formatType(1700L, -1));
        assertEquals("text[]", CatalogFunctions.formatType(1009L, -1));
        assertEquals("character varying(40)[]", CatalogFunctions.formatType(1015L, 44));
        assertEquals("bpchar[]", CatalogFunctions.formatType(1014L, -1));
        assertEquals("character(3)[]", CatalogFunctions.formatType(1014L, 7));
        assertEquals("numeric(12,2)[]", CatalogFunctions.formatType(1231L, 786438));
        assertEquals("integer", CatalogFunctions.formatType(23L, -1));
        assertEquals("timestamp with time zone", CatalogFunctions.formatType(1184L, -1));
        assertEquals("timestamp(3) without time zone", CatalogFunctions.formatType(1114L, 3));
        assertEquals("timestamp(0) with time zone", CatalogFunctions.formatType(1184L, 0));
        assertEquals("time(3) without time zone", CatalogFunctions.formatType(1083L, 3));
        assertEquals("name", CatalogFunctions.formatType(19L, -1));
        assertEquals("regclass", CatalogFunctions.formatType(2205L, -1));
        assertEquals("\"char\"", CatalogFunctions.formatType(18L, -1));
        assertEquals("\"char\"[]", CatalogFunctions.formatType(1002L, -1));
        assertEquals("???", CatalogFunctions.formatType(999999L, -1));
        assertNull(CatalogFunctions.formatType(null, -1));
    }

    @Test
    void indexDefinitions() {
        long primaryKey = ObjectIds.primaryKeyIndexOid(ACCOUNTS_ID);
        assertEquals("CREATE UNIQUE INDEX accounts_pkey ON public.accounts USING btree (id)",
                CatalogFunctions.pgGetIndexdef(objects, primaryKey, 0, false));
        assertEquals("CREATE UNIQUE INDEX accounts_pkey ON accounts USING btree (id)",
                CatalogFunctions.pgGetIndexdef(objects, primaryKey, 0, true));
        assertEquals("CREATE UNIQUE INDEX accounts_owner_code_key ON public.accounts USING btree (owner, code)",
                CatalogFunctions.pgGetIndexdef(objects, OWNER_CODE_KEY_ID, 0, false));
        assertEquals("owner", CatalogFunctions.pgGetIndexdef(objects, OWNER_CODE_KEY_ID, 1, false));
        assertEquals("code", CatalogFunctions.pgGetIndexdef(objects, OWNER_CODE_KEY_ID, 2, true));
        assertEquals("", CatalogFunctions.pgGetIndexdef(objects, OWNER_CODE_KEY_ID, 3, true));
        // PostgreSQL normalises the predicate's constant ("(balance > (0)::numeric)"); TableOS prints the text it stored.
        assertEquals("CREATE INDEX accounts_balance_idx ON public.accounts USING btree (balance DESC) WHERE (balance > 0)",
                CatalogFunctions.pgGetIndexdef(objects, BALANCE_INDEX_ID, 0, false));
        assertEquals("CREATE INDEX accounts_balance_idx ON accounts USING btree (balance DESC) WHERE balance > 0",
                CatalogFunctions.pgGetIndexdef(objects, BALANCE_INDEX_ID, 0, true));
        assertEquals("CREATE UNIQUE INDEX other_pkey ON s1.other USING btree (a)",
                CatalogFunctions.pgGetIndexdef(objects, ObjectIds.primaryKeyIndexOid(OTHER_ID), 0, true));
        assertNull(CatalogFunctions.pgGetIndexdef(objects, ACCOUNTS_ID, 0, false), "a table is not an index");
    }

    @Test
    void constraintDefinitionsAndExpressions() {
        assertEquals("PRIMARY KEY (id)", CatalogFunctions.pgGetConstraintdef(objects, ObjectIds.primaryKeyConstraintOid(ACCOUNTS_ID)));
        assertEquals("UNIQUE (owner, code)", CatalogFunctions.pgGetConstraintdef(objects, ObjectIds.uniqueConstraintOid(OWNER_CODE_KEY_ID)));
        assertNull(CatalogFunctions.pgGetConstraintdef(objects, 12345));
        assertEquals("nextval('accounts_id_seq'::regclass)", CatalogFunctions.pgGetExpr("nextval('accounts_id_seq')"));
        assertEquals("nextval('accounts_id_seq'::regclass)", CatalogFunctions.pgGetExpr("nextval('accounts_id_seq'::regclass)"));
        assertEquals("now()", CatalogFunctions.pgGetExpr("now()"));
    }

    @Test
    void visibilityNamesAndSequences() {
        assertEquals(true, CatalogFunctions.pgTableIsVisible(objects, ACCOUNTS_ID));
        assertEquals(false, CatalogFunctions.pgTableIsVisible(objects, OTHER_ID));
        assertEquals(true, CatalogFunctions.pgTableIsVisible(objects, 1259));
        assertNull(CatalogFunctions.pgTableIsVisible(objects, 99999));
        assertEquals("public.accounts_id_seq", CatalogFunctions.pgGetSerialSequence(objects, SearchPath.PUBLIC, "accounts", "id"));
        assertEquals("public.accounts_id_seq", CatalogFunctions.pgGetSerialSequence(objects, SearchPath.PUBLIC, "public.ACCOUNTS", "id"));
        assertNull(CatalogFunctions.pgGetSerialSequence(objects, SearchPath.PUBLIC, "accounts", "owner"));
        DbException noColumn = assertThrows(DbException.class, () -> CatalogFunctions.pgGetSerialSequence(objects, SearchPath.PUBLIC, "accounts", "nope"));
        assertEquals("42703", noColumn.sqlState());
        assertEquals(1259L, CatalogFunctions.regclass(objects, SearchPath.PUBLIC, "pg_class"));
        assertEquals(1259L, CatalogFunctions.regclass(objects, SearchPath.PUBLIC, "pg_catalog.pg_class"));
        assertEquals(ACCOUNTS_ID, CatalogFunctions.regclass(objects, SearchPath.PUBLIC, "\"accounts\""));
        assertEquals("42P01", assertThrows(DbException.class, () -> CatalogFunctions.regclass(objects, SearchPath.PUBLIC, "nope")).sqlState());
        assertNull(CatalogFunctions.toRegclass(objects, SearchPath.PUBLIC, "nope"));
        assertEquals("accounts", CatalogFunctions.regclassName(objects, ACCOUNTS_ID));
        assertEquals("s1.other", CatalogFunctions.regclassName(objects, OTHER_ID));
        assertEquals("s1", CatalogFunctions.regnamespaceName(objects, fixture.catalog.schemaOid("s1")));
        assertEquals("tableos", CatalogFunctions.pgGetUserbyid(10));
        assertEquals("unknown (OID=12345)", CatalogFunctions.pgGetUserbyid(12345));
        assertEquals("UTF8", CatalogFunctions.pgEncodingToChar(6));
        assertEquals("SQL_ASCII", CatalogFunctions.pgEncodingToChar(0));
        assertEquals("", CatalogFunctions.pgEncodingToChar(999));
    }

    @Test
    void sizes() {
        String[] expected = {"0 bytes", "1023 bytes", "10 kB", "10 MB", "118 MB", "9313 GB", "-10 kB", "10239 bytes", "11 kB"};
        long[] sizes = {0, 1023, 10240, 10485760, 123456789, 9999999999999L, -10240, 10239, 10752};
        for (int i = 0; i < sizes.length; i++) assertEquals(expected[i], CatalogFunctions.pgSizePretty(sizes[i]));
        assertEquals(0L, CatalogFunctions.pgRelationSize(objects, ACCOUNTS_ID, 0));
        assertEquals(8192L, CatalogFunctions.pgRelationSize(objects, ACCOUNTS_ID, 10));
        assertTrue(CatalogFunctions.pgTotalRelationSize(objects, ACCOUNTS_ID, 1000) > CatalogFunctions.pgRelationSize(objects, ACCOUNTS_ID, 1000));
        assertNull(CatalogFunctions.pgRelationSize(objects, 99999, 10));
    }

    @Test
    void arraysAndIdentifiers() {
        assertEquals(new SqlArray(SqlType.NAME, new Object[] {"pg_catalog", "public"}), CatalogFunctions.currentSchemas(new Catalog(), SearchPath.PUBLIC, true));
        assertEquals(new SqlArray(SqlType.NAME, new Object[] {"public"}), CatalogFunctions.currentSchemas(new Catalog(), SearchPath.PUBLIC, false));
        SqlArray values = new SqlArray(SqlType.TEXT, new Object[] {"a", null, "b"});
        assertEquals("a,b", CatalogFunctions.arrayToString(values, ",", null));
        assertEquals("a,*,b", CatalogFunctions.arrayToString(values, ",", "*"));
        String[][] quoted = {{"abc", "abc"}, {"Abc", "\"Abc\""}, {"a b", "\"a b\""}, {"select", "\"select\""},
                {"a\"b", "\"a\"\"b\""}, {"_x1", "_x1"}, {"1x", "\"1x\""}, {"user", "\"user\""}, {"name", "name"}};
        for (String[] pair : quoted) assertEquals(pair[1], CatalogFunctions.quoteIdent(pair[0]));
        List<Object[]> expanded = CatalogFunctions.pgExpandArray(new SqlArray(SqlType.INT2, new Object[] {(short) 2, (short) 4}));
        assertArrayEquals(new Object[] {(short) 2, 1}, expanded.get(0));
        assertArrayEquals(new Object[] {(short) 4, 2}, expanded.get(1));
    }

    @Test
    void bindingsApplyArityAndStrictness() {
        OffsetDateTime start = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        CatalogFunctionBindings.Environment environment = new CatalogFunctionBindings.Environment(() -> true, start, oid -> 0);
        Map<String, CatalogFunctionBindings.Builtin> byName = new HashMap<>();
        CatalogFunctionBindings.registerAll(byName::put, fixture.objects, environment);
        assertEquals("integer", byName.get("format_type").invoke(fixture.catalog, 23, null));
        assertNull(byName.get("format_type").invoke(fixture.catalog, null, -1));
        assertEquals("CREATE UNIQUE INDEX accounts_pkey ON accounts USING btree (id)", byName.get("pg_get_indexdef")
                .invoke(fixture.catalog, ObjectIds.primaryKeyIndexOid(ACCOUNTS_ID), 0, true));
        assertEquals(true, byName.get("pg_table_is_visible").invoke(fixture.catalog, String.valueOf(ACCOUNTS_ID)), "psql passes '16385'");
        assertNull(byName.get("pg_get_expr").invoke(fixture.catalog, null, ACCOUNTS_ID));
        assertEquals(true, byName.get("pg_is_in_recovery").invoke(fixture.catalog));
        assertEquals(start, byName.get("pg_postmaster_start_time").invoke(fixture.catalog));
        assertEquals(true, byName.get("has_table_privilege").invoke(fixture.catalog, "accounts", "SELECT"));
        assertEquals("42883", assertThrows(DbException.class,
                () -> byName.get("pg_get_userbyid").invoke(fixture.catalog, 1, 2)).sqlState());
    }

    @Test
    void registeredWithTheFunctionRegistryByName() {
        CatalogFunctionBindings.Environment environment = new CatalogFunctionBindings.Environment(() -> false,
                OffsetDateTime.now(ZoneOffset.UTC), oid -> 0);
        CatalogFunctionBindings.registerWithFunctionRegistry(fixture.objects, environment, ctx -> fixture.catalog);
        ScalarFunction formatType = FunctionRegistry.lookup("pg_catalog.format_type", List.of(DataType.of(SqlType.OID), DataType.INT4));
        assertEquals(DataType.TEXT, formatType.returnType());
        assertEquals("numeric(12,2)", formatType.call(new Object[] {1700L, 786438}, null));
        ScalarFunction indexdef = FunctionRegistry.lookup("pg_get_indexdef", List.of(DataType.of(SqlType.OID)));
        assertEquals("CREATE UNIQUE INDEX accounts_pkey ON public.accounts USING btree (id)",
                indexdef.call(new Object[] {ObjectIds.primaryKeyIndexOid(ACCOUNTS_ID)}, null));
        assertTrue(FunctionRegistry.exists("pg_table_is_visible"));
    }
}
