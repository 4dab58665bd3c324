package io.tableos.db.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * All schema objects of the database. Mutated only by the apply thread (DDL in log order),
 * read concurrently by sessions; each mutation bumps {@link #version()}.
 *
 * <p>A cluster holds one database in PostgreSQL's sense: one set of schemas. Its database
 * names ({@link #databases()}: {@value #DEFAULT_DATABASE} and {@code postgres} at first, more
 * by CREATE DATABASE) are the names clients may connect with, and every name reaches this same
 * catalog. Clients that only make sure their database exists (DBOS Transact, test setups) work
 * unchanged; applications that need separate namespaces use schemas.
 */
public final class Catalog {
    /** The name a new cluster is created with, and the one its tools connect to. */
    public static final String DEFAULT_DATABASE = "tableos";
    private static final List<String> INITIAL_DATABASES = List.of("postgres", DEFAULT_DATABASE);

    private final Map<String, Boolean> schemas = new ConcurrentHashMap<>();
    private final Map<String, Boolean> databases = new ConcurrentHashMap<>();
    private final Map<Long, TableDef> tablesById = new ConcurrentHashMap<>();
    private final Map<String, TableDef> tablesByName = new ConcurrentHashMap<>();
    private final Map<Long, SequenceDef> sequencesById = new ConcurrentHashMap<>();
    private final Map<String, SequenceDef> sequencesByName = new ConcurrentHashMap<>();
    private final Map<Long, ViewDef> viewsById = new ConcurrentHashMap<>();
    private final Map<String, ViewDef> viewsByName = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    /** Next id for tables, indexes and sequences; ids are never reused. */
    private final AtomicLong nextObjectId = new AtomicLong(16384);

    public Catalog() {
        schemas.put("public", Boolean.TRUE);
        for (String name : INITIAL_DATABASES) databases.put(name, Boolean.TRUE);
    }

    /** The names a new cluster has (and a snapshot written before CREATE DATABASE existed). */
    public static List<String> initialDatabases() { return INITIAL_DATABASES; }

    public boolean hasDatabase(String name) { return databases.containsKey(name); }

    /** The database names clients may connect with, sorted. */
    public List<String> databases() { return new ArrayList<>(new TreeMap<>(databases).keySet()); }

    public long version() { return version.get(); }

    public boolean hasSchema(String name) { return schemas.containsKey(name); }

    public List<String> schemas() { return new ArrayList<>(new TreeMap<>(schemas).keySet()); }

    /** OIDs of the schemas every PostgreSQL database has; clients (psql, pgJDBC) expect these values. */
    public static final long PG_CATALOG_SCHEMA_OID = 11;
    public static final long PUBLIC_SCHEMA_OID = 2200;
    public static final long INFORMATION_SCHEMA_OID = 13207;
    /** Derived schema OIDs carry this tag in bits 28..31, above every object id (see {@link #reserveIds}). */
    public static final long DERIVED_SCHEMA_OID_TAG = 0x4000_0000L;
    private static final long DERIVED_OID_LOW_MASK = 0x0FFF_FFFFL;

    /**
     * The pg_namespace OID of a schema, stable across restarts and equal on every replica.
     * It is derived from the name, not stored, so snapshots need not carry it: well-known
     * schemas keep PostgreSQL's OIDs, others hash their name into the derived range. Two
     * existing schemas whose hashes collide are separated by probing in name order, so only
     * such a (1 in 2^28) collision can move an OID when a schema is created or dropped.
     * Works for names that are not (yet) schemas, e.g. the sys schema of system tables.
     */
    public long schemaOid(String name) {
        switch (name) {
            case "pg_catalog": return PG_CATALOG_SCHEMA_OID;
            case "public": return PUBLIC_SCHEMA_OID;
            case "information_schema": return INFORMATION_SCHEMA_OID;
            default: break;
        }
        Set<Long> taken = new HashSet<>();
        for (String other : new TreeMap<>(schemas).keySet()) {
            if (other.compareTo(name) >= 0) break;
            if (other.equals("public") || other.equals("pg_catalog") || other.equals("information_schema")) continue;
            taken.add(probeSchemaOid(other, taken));
        }
        return probeSchemaOid(name, taken);
    }

    private static long probeSchemaOid(String name, Set<Long> taken) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        long low = crc.getValue() & DERIVED_OID_LOW_MASK;
        while (taken.contains(DERIVED_SCHEMA_OID_TAG | low)) low = (low + 1) & DERIVED_OID_LOW_MASK;
        return DERIVED_SCHEMA_OID_TAG | low;
    }

    public TableDef table(String schema, String name) { return tablesByName.get(schema + "." + name); }

    public TableDef table(long id) { return tablesById.get(id); }

    public Collection<TableDef> tables() { return tablesById.values(); }

    /** Every table holding a FOREIGN KEY that references {@code tableId} (including the table itself). */
    public List<TableDef> referencingTables(long tableId) {
        List<TableDef> out = new ArrayList<>();
        for (TableDef t : tablesById.values()) {
            for (ForeignKeyDef fk : t.foreignKeys()) {
                if (fk.referencedTableId() == tableId) {
                    out.add(t);
                    break;
                }
            }
        }
        out.sort(java.util.Comparator.comparingLong(TableDef::id));
        return out;
    }

    public SequenceDef sequence(String schema, String name) { return sequencesByName.get(schema + "." + name); }

    public SequenceDef sequence(long id) { return sequencesById.get(id); }

    public Collection<SequenceDef> sequences() { return sequencesById.values(); }

    public ViewDef view(String schema, String name) { return viewsByName.get(schema + "." + name); }

    public ViewDef view(long id) { return viewsById.get(id); }

    public Collection<ViewDef> views() { return viewsById.values(); }

    /** The id the next created object gets; the value travels in the DDL log entry so replicas agree. */
    public long peekNextObjectId() { return nextObjectId.get(); }

    // ---- mutations: apply thread only ----

    public void createSchema(String name) {
        schemas.put(name, Boolean.TRUE);
        version.incrementAndGet();
    }

    public void dropSchema(String name) {
        schemas.remove(name);
        version.incrementAndGet();
    }

    public void createDatabase(String name) {
        databases.put(name, Boolean.TRUE);
        version.incrementAndGet();
    }

    public void dropDatabase(String name) {
        databases.remove(name);
        version.incrementAndGet();
    }

    /** Adds or replaces a table definition (same id). */
    public void putTable(TableDef def) {
        TableDef old = tablesById.put(def.id(), def);
        if (old != null) tablesByName.remove(old.qualifiedName());
        tablesByName.put(def.qualifiedName(), def);
        reserveIds(def.id());
        for (IndexDef index : def.indexes()) reserveIds(index.id());
        for (CheckConstraintDef check : def.checks()) reserveIds(check.id());
        for (ForeignKeyDef foreignKey : def.foreignKeys()) reserveIds(foreignKey.id());
        version.incrementAndGet();
    }

    public void dropTable(long id) {
        TableDef old = tablesById.remove(id);
        if (old != null) tablesByName.remove(old.qualifiedName());
        version.incrementAndGet();
    }

    public void putSequence(SequenceDef def) {
        SequenceDef old = sequencesById.put(def.id(), def);
        if (old != null) sequencesByName.remove(old.schema() + "." + old.name());
        sequencesByName.put(def.schema() + "." + def.name(), def);
        reserveIds(def.id());
        version.incrementAndGet();
    }

    public void dropSequence(long id) {
        SequenceDef old = sequencesById.remove(id);
        if (old != null) sequencesByName.remove(old.schema() + "." + old.name());
        version.incrementAndGet();
    }

    /** Adds a view, or replaces the definition of the view with the same id (CREATE OR REPLACE VIEW). */
    public void putView(ViewDef def) {
        ViewDef old = viewsById.put(def.id(), def);
        if (old != null) viewsByName.remove(old.qualifiedName());
        viewsByName.put(def.qualifiedName(), def);
        reserveIds(def.id());
        version.incrementAndGet();
    }

    public void dropView(long id) {
        ViewDef old = viewsById.remove(id);
        if (old != null) viewsByName.remove(old.qualifiedName());
        version.incrementAndGet();
    }

    /** Removes every database name, schema, table, sequence and view (snapshot loading refills the catalog). */
    public void clear() {
        tablesById.clear();
        tablesByName.clear();
        sequencesById.clear();
        sequencesByName.clear();
        viewsById.clear();
        viewsByName.clear();
        schemas.clear();
        databases.clear();
        version.incrementAndGet();
    }

    /** Raises the next object id to at least {@code next} (snapshot loading: ids of dropped objects stay used). */
    public void restoreNextObjectId(long next) {
        nextObjectId.accumulateAndGet(next, Math::max);
        version.incrementAndGet();
    }

    private void reserveIds(long usedId) {
        nextObjectId.accumulateAndGet(usedId + 1, Math::max);
    }
}
