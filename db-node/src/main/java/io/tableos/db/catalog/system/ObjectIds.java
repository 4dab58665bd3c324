package io.tableos.db.catalog.system;

import io.tableos.db.catalog.Catalog;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * How catalog objects get PostgreSQL OIDs (unsigned 32-bit values, held in a long).
 *
 * <ul>
 *   <li>below 16384: PostgreSQL's fixed OIDs (types, well-known schemas, access methods, the
 *       bootstrap superuser 10, the catalog tables clients name, e.g. pg_class 1259);</li>
 *   <li>16384 up to 2^28: TableDef, IndexDef and SequenceDef ids, used unchanged;</li>
 *   <li>from 2^28: OIDs derived from an id or a name, tagged with a kind in bits 28..31, for
 *       objects that have no id of their own. Derivation instead of stored ids keeps the
 *       Catalog snapshot unchanged and every replica in agreement.</li>
 * </ul>
 */
public final class ObjectIds {
    /** Catalog ids must stay below this for the derived ranges to stay distinct. */
    public static final long OBJECT_ID_LIMIT = 1L << 28;
    private static final long LOW_MASK = OBJECT_ID_LIMIT - 1;

    private static final long PRIMARY_KEY_INDEX_TAG = 0x1000_0000L;
    private static final long PRIMARY_KEY_CONSTRAINT_TAG = 0x2000_0000L;
    private static final long UNIQUE_CONSTRAINT_TAG = 0x3000_0000L;
    // 0x4000_0000 is Catalog.DERIVED_SCHEMA_OID_TAG.
    private static final long SYSTEM_TABLE_TAG = 0x5000_0000L;
    private static final long ATTRIBUTE_DEFAULT_TAG = 0x6000_0000L;
    /** PostgreSQL allows 1600 columns; attribute-default OIDs pack (table, column) with this stride. */
    private static final long COLUMNS_PER_TABLE_MAX = 1600;

    public static final long SUPERUSER_OID = 10;
    public static final String SUPERUSER_NAME = "tableos";
    /** PostgreSQL 15's predefined role that owns the public schema (\dn prints it). */
    public static final long DATABASE_OWNER_ROLE_OID = 6171;
    public static final String DATABASE_OWNER_ROLE_NAME = "pg_database_owner";
    public static final long DATABASE_OID = 16385;
    public static final long HEAP_AM_OID = 2;
    public static final long BTREE_AM_OID = 403;
    public static final long HASH_AM_OID = 405;
    public static final long DEFAULT_TABLESPACE_OID = 1663;
    public static final long DEFAULT_COLLATION_OID = 100;
    public static final long C_COLLATION_OID = 950;
    public static final int UTF8_ENCODING = 6;

    /** OIDs of the catalog relations PostgreSQL fixes and clients cast to regclass ('pg_class'::regclass). */
    private static final Map<String, Long> WELL_KNOWN_RELATIONS = Map.ofEntries(
            Map.entry("pg_catalog.pg_type", 1247L), Map.entry("pg_catalog.pg_attribute", 1249L),
            Map.entry("pg_catalog.pg_proc", 1255L), Map.entry("pg_catalog.pg_class", 1259L),
            Map.entry("pg_catalog.pg_authid", 1260L), Map.entry("pg_catalog.pg_auth_members", 1261L),
            Map.entry("pg_catalog.pg_database", 1262L), Map.entry("pg_catalog.pg_attrdef", 2604L),
            Map.entry("pg_catalog.pg_constraint", 2606L), Map.entry("pg_catalog.pg_inherits", 2611L),
            Map.entry("pg_catalog.pg_index", 2610L), Map.entry("pg_catalog.pg_operator", 2617L),
            Map.entry("pg_catalog.pg_opclass", 2616L), Map.entry("pg_catalog.pg_am", 2601L),
            Map.entry("pg_catalog.pg_language", 2612L), Map.entry("pg_catalog.pg_rewrite", 2618L),
            Map.entry("pg_catalog.pg_trigger", 2620L), Map.entry("pg_catalog.pg_description", 2609L),
            Map.entry("pg_catalog.pg_namespace", 2615L), Map.entry("pg_catalog.pg_depend", 2608L),
            Map.entry("pg_catalog.pg_tablespace", 1213L), Map.entry("pg_catalog.pg_shdescription", 2396L),
            Map.entry("pg_catalog.pg_collation", 3456L), Map.entry("pg_catalog.pg_extension", 3079L),
            Map.entry("pg_catalog.pg_enum", 3501L), Map.entry("pg_catalog.pg_sequence", 2224L),
            Map.entry("pg_catalog.pg_policy", 3256L), Map.entry("pg_catalog.pg_range", 3541L),
            Map.entry("pg_catalog.pg_event_trigger", 3466L), Map.entry("pg_catalog.pg_publication", 6104L),
            Map.entry("pg_catalog.pg_publication_rel", 6106L), Map.entry("pg_catalog.pg_statistic_ext", 3381L),
            Map.entry("pg_catalog.pg_partitioned_table", 3350L), Map.entry("pg_catalog.pg_foreign_table", 3118L),
            Map.entry("pg_catalog.pg_cast", 2605L), Map.entry("pg_catalog.pg_aggregate", 2600L));

    private ObjectIds() {}

    public static long primaryKeyIndexOid(long tableId) {
        return PRIMARY_KEY_INDEX_TAG | checkedId(tableId);
    }

    public static long primaryKeyConstraintOid(long tableId) {
        return PRIMARY_KEY_CONSTRAINT_TAG | checkedId(tableId);
    }

    public static long uniqueConstraintOid(long indexId) {
        return UNIQUE_CONSTRAINT_TAG | checkedId(indexId);
    }

    /** Unique per (table, column) while table ids stay within 167,000 of the first; only pg_attrdef.oid shows it. */
    public static long attributeDefaultOid(long tableId, int attnum) {
        return ATTRIBUTE_DEFAULT_TAG | (((tableId - 16384) * COLUMNS_PER_TABLE_MAX + attnum) & LOW_MASK);
    }

    /** A system table's OID: PostgreSQL's own for the catalogs clients name, else a hash of its name. */
    public static long systemTableOid(String schema, String name) {
        String qualified = schema + "." + name;
        Long known = WELL_KNOWN_RELATIONS.get(qualified);
        if (known != null) return known;
        CRC32 crc = new CRC32();
        crc.update(qualified.getBytes(StandardCharsets.UTF_8));
        return SYSTEM_TABLE_TAG | (crc.getValue() & LOW_MASK);
    }

    public static long schemaOid(Catalog catalog, String schema) {
        return catalog.schemaOid(schema);
    }

    private static long checkedId(long id) {
        if (id < 0 || id >= OBJECT_ID_LIMIT) throw new IllegalStateException("catalog id out of the OID range: " + id);
        return id;
    }
}
