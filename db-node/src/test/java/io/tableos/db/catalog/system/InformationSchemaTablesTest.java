package io.tableos.db.catalog.system;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * information_schema rows for {@link CatalogFixture}'s schema against the rows PostgreSQL
 * 15.18 returned for the same DDL (psql -A output, "" for NULL), column by column.
 */
class InformationSchemaTablesTest {
    private final CatalogFixture fixture = new CatalogFixture();

    private static final String[] COLUMN_FIELDS = {"table_schema", "table_name", "column_name", "ordinal_position",
            "column_default", "is_nullable", "data_type", "character_maximum_length", "character_octet_length",
            "numeric_precision", "numeric_precision_radix", "numeric_scale", "datetime_precision", "udt_schema",
            "udt_name", "dtd_identifier", "is_identity", "is_generated", "is_updatable"};

    /** From PostgreSQL: select <COLUMN_FIELDS> from information_schema.columns where table_schema in ('public','s1'). */
    private static final String[] POSTGRES_COLUMNS = {
            "public|accounts|id|1|nextval('accounts_id_seq'::regclass)|NO|integer|||32|2|0||pg_catalog|int4|1|NO|NEVER|YES",
            "public|accounts|owner|2||NO|character varying|40|160|||||pg_catalog|varchar|2|NO|NEVER|YES",
            "public|accounts|balance|3|0|YES|numeric|||12|10|2||pg_catalog|numeric|3|NO|NEVER|YES",
            "public|accounts|code|4||YES|character|3|12|||||pg_catalog|bpchar|4|NO|NEVER|YES",
            "public|accounts|created|5|now()|YES|timestamp with time zone||||||6|pg_catalog|timestamptz|5|NO|NEVER|YES",
            "public|accounts|tags|6||YES|ARRAY|||||||pg_catalog|_text|6|NO|NEVER|YES",
            "public|items|k|1||YES|bigint|||64|2|0||pg_catalog|int8|1|NO|NEVER|YES",
            "public|items|v|2||YES|text||1073741824|||||pg_catalog|text|2|NO|NEVER|YES",
            "s1|other|a|1||NO|integer|||32|2|0||pg_catalog|int4|1|NO|NEVER|YES"};

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    @Test
    void columnsMatchPostgres() {
        List<String> actual = new ArrayList<>();
        for (Map<String, Object> row : fixture.rows("information_schema", "columns")) {
            String schema = (String) row.get("table_schema");
            if (!schema.equals("public") && !schema.equals("s1")) continue;
            List<String> fields = new ArrayList<>();
            for (String field : COLUMN_FIELDS) fields.add(text(row.get(field)));
            actual.add(String.join("|", fields));
            assertEquals("tableos", row.get("table_catalog"));
        }
        assertEquals(Arrays.asList(POSTGRES_COLUMNS), actual);
    }

    @Test
    void tablesAndSchemata() {
        Map<String, Object> accounts = fixture.onlyRowWhere("information_schema", "tables", "table_name", "accounts");
        assertEquals("BASE TABLE", accounts.get("table_type"));
        assertEquals("YES", accounts.get("is_insertable_into"));
        assertEquals("NO", accounts.get("is_typed"));
        assertEquals("VIEW", fixture.onlyRowWhere("information_schema", "tables", "table_name", "pg_class").get("table_type"));
        List<Object> schemas = fixture.rows("information_schema", "schemata").stream().map(row -> row.get("schema_name")).toList();
        assertTrue(schemas.containsAll(List.of("public", "s1", "pg_catalog", "information_schema")), schemas.toString());
    }

    @Test
    void constraintsAndKeyColumns() {
        List<String> constraints = new ArrayList<>();
        for (Map<String, Object> row : fixture.rows("information_schema", "table_constraints")) {
            constraints.add(row.get("constraint_schema") + "|" + row.get("constraint_name") + "|" + row.get("table_name")
                    + "|" + row.get("constraint_type") + "|" + row.get("is_deferrable") + "|" + text(row.get("nulls_distinct")));
        }
        long s1 = fixture.catalog.schemaOid("s1");
        assertEquals(List.of(
                "public|accounts_pkey|accounts|PRIMARY KEY|NO|",
                "public|accounts_owner_code_key|accounts|UNIQUE|NO|YES",
                "s1|other_pkey|other|PRIMARY KEY|NO|",
                "public|2200_16385_1_not_null|accounts|CHECK|NO|",
                "public|2200_16385_2_not_null|accounts|CHECK|NO|",
                "s1|" + s1 + "_16391_1_not_null|other|CHECK|NO|"), constraints.stream().sorted(
                        (a, b) -> Integer.compare(order(a), order(b))).toList());
        List<String> keys = new ArrayList<>();
        for (Map<String, Object> row : fixture.rows("information_schema", "key_column_usage")) {
            keys.add(row.get("constraint_name") + "|" + row.get("column_name") + "|" + row.get("ordinal_position"));
        }
        assertEquals(List.of("accounts_pkey|id|1", "accounts_owner_code_key|owner|1", "accounts_owner_code_key|code|2",
                "other_pkey|a|1"), keys);
    }

    /** PostgreSQL's order for the rows above: key constraints first, then the NOT NULL checks. */
    private static int order(String row) {
        String[] expected = {"accounts_pkey|", "accounts_owner_code_key|", "other_pkey|", "_16385_1_", "_16385_2_", "_16391_1_"};
        for (int i = 0; i < expected.length; i++) if (row.contains(expected[i])) return i;
        return expected.length;
    }

    @Test
    void sequencesMatchPostgres() {
        Map<String, Object> sequence = fixture.onlyRowWhere("information_schema", "sequences", "sequence_name", "accounts_id_seq");
        // postgres|public|accounts_id_seq|integer|32|2|0|1|1|2147483647|1|NO
        assertEquals("public", sequence.get("sequence_schema"));
        assertEquals("integer", sequence.get("data_type"));
        assertEquals(32, sequence.get("numeric_precision"));
        assertEquals(2, sequence.get("numeric_precision_radix"));
        assertEquals(0, sequence.get("numeric_scale"));
        assertEquals("1", sequence.get("start_value"));
        assertEquals("1", sequence.get("minimum_value"));
        assertEquals("2147483647", sequence.get("maximum_value"));
        assertEquals("1", sequence.get("increment"));
        assertEquals("NO", sequence.get("cycle_option"));
    }
}
