package io.tableos.db.catalog.system;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.CheckConstraintDef;
import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.ViewDef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Catalog objects with their OIDs, as every pg_catalog view and catalog function sees them.
 * A {@link Snapshot} is computed from the Catalog and the system-table registry and reused
 * until the catalog version (or the registry) changes, so joins over pg_class and calls such
 * as pg_get_indexdef in a query's rows do not rebuild it.
 */
public final class PgObjects {
    private final SystemTables systemTables;
    private final AtomicReference<Snapshot> cached = new AtomicReference<>();

    public PgObjects(SystemTables systemTables) {
        this.systemTables = systemTables;
    }

    public Snapshot at(Catalog catalog) {
        int systemTableCount = systemTables.all().size();
        Snapshot snapshot = cached.get();
        if (snapshot != null && snapshot.catalog == catalog && snapshot.catalogVersion == catalog.version()
                && snapshot.systemTableCount == systemTableCount) {
            return snapshot;
        }
        snapshot = new Snapshot(catalog, catalog.version(), systemTables.all(), systemTableCount);
        cached.set(snapshot);
        return snapshot;
    }

    /** An immutable view of all relations, indexes and schemas at one catalog version. */
    public static final class Snapshot {
        private final Catalog catalog;
        private final long catalogVersion;
        private final int systemTableCount;
        /** Schema name → OID, in name order. */
        private final Map<String, Long> namespaces = new TreeMap<>();
        private final Map<Long, String> namespaceNames = new HashMap<>();
        private final List<PgRelation> relations = new ArrayList<>();
        private final Map<Long, PgRelation> relationsByOid = new HashMap<>();
        private final Map<String, PgRelation> relationsByName = new HashMap<>();
        private final List<PgIndex> indexes = new ArrayList<>();
        private final Map<Long, PgIndex> indexesByConstraintOid = new HashMap<>();
        private final List<PgConstraint> checksAndForeignKeys = new ArrayList<>();
        private final Map<Long, PgConstraint> checksAndForeignKeysByOid = new HashMap<>();

        Snapshot(Catalog catalog, long catalogVersion, Iterable<SystemTable> systemTables, int systemTableCount) {
            this.catalog = catalog;
            this.catalogVersion = catalogVersion;
            this.systemTableCount = systemTableCount;
            addNamespace("pg_catalog");
            addNamespace("information_schema");
            for (String schema : catalog.schemas()) addNamespace(schema);
            List<TableDef> tables = new ArrayList<>(catalog.tables());
            tables.sort(Comparator.comparingLong(TableDef::id));
            for (TableDef table : tables) addTable(table);
            for (TableDef table : tables) addChecksAndForeignKeys(table);
            Set<Long> hiddenKeySequences = new HashSet<>();
            for (TableDef table : tables) if (table.hasHiddenKey()) hiddenKeySequences.add(table.hiddenKeySequenceId());
            for (SequenceDef sequence : catalog.sequences()) {
                // A hidden row-id sequence is storage machinery; PostgreSQL has nothing like it to show.
                if (hiddenKeySequences.contains(sequence.id())) continue;
                addNamespace(sequence.schema());
                addRelation(new PgRelation(sequence.id(), sequence.schema(), namespaceOid(sequence.schema()),
                        sequence.name(), 'S', null, null, sequence, null, null));
            }
            for (ViewDef view : catalog.views()) {
                addNamespace(view.schema());
                addRelation(new PgRelation(view.id(), view.schema(), namespaceOid(view.schema()), view.name(), 'v',
                        null, null, null, null, view));
            }
            for (SystemTable table : systemTables) {
                addNamespace(table.schema());
                addRelation(new PgRelation(ObjectIds.systemTableOid(table.schema(), table.name()), table.schema(),
                        namespaceOid(table.schema()), table.name(), 'v', null, null, null, table, null));
            }
            relations.sort(Comparator.comparingLong(PgRelation::oid));
        }

        public Catalog catalog() {
            return catalog;
        }

        /** Schema name → OID, in name order. */
        public Map<String, Long> namespaces() {
            return Collections.unmodifiableMap(namespaces);
        }

        /** OID of a schema, or null when no such schema exists. */
        public Long namespaceOid(String schema) {
            return namespaces.get(schema);
        }

        public String namespaceName(long oid) {
            return namespaceNames.get(oid);
        }

        /** Every relation, in OID order. */
        public List<PgRelation> relations() {
            return Collections.unmodifiableList(relations);
        }

        public PgRelation relation(long oid) {
            return relationsByOid.get(oid);
        }

        public PgRelation relation(String schema, String name) {
            return relationsByName.get(schema + "." + name);
        }

        /** Every index, by table id, each table's primary key first, then its indexes in definition order. */
        public List<PgIndex> indexes() {
            return Collections.unmodifiableList(indexes);
        }

        /** The index backing the pg_constraint row with this OID, or null. */
        public PgIndex constraint(long constraintOid) {
            return indexesByConstraintOid.get(constraintOid);
        }

        /** CHECK and FOREIGN KEY constraints, by table id, each table's checks first, in definition order. */
        public List<PgConstraint> checksAndForeignKeys() {
            return Collections.unmodifiableList(checksAndForeignKeys);
        }

        /** The CHECK or FOREIGN KEY with this pg_constraint OID, or null. */
        public PgConstraint checkOrForeignKey(long constraintOid) {
            return checksAndForeignKeysByOid.get(constraintOid);
        }

        private void addChecksAndForeignKeys(TableDef table) {
            for (CheckConstraintDef check : table.checks()) addConstraint(new PgConstraint(check.id(), table, check, null, null, 0));
            for (ForeignKeyDef fk : table.foreignKeys()) {
                TableDef referenced = catalog.table(fk.referencedTableId());
                if (referenced == null) continue;
                addConstraint(new PgConstraint(fk.id(), table, null, fk, referenced, referencedIndexOid(referenced, fk)));
            }
        }

        private void addConstraint(PgConstraint constraint) {
            checksAndForeignKeys.add(constraint);
            checksAndForeignKeysByOid.put(constraint.oid(), constraint);
        }

        /** The referenced table's primary-key index or unique index on exactly the referenced columns. */
        private static long referencedIndexOid(TableDef referenced, ForeignKeyDef fk) {
            Set<Integer> columns = new HashSet<>(fk.referencedColumns());
            if (!referenced.hasHiddenKey() && new HashSet<>(referenced.primaryKey()).equals(columns)) {
                return ObjectIds.primaryKeyIndexOid(referenced.id());
            }
            for (IndexDef index : referenced.indexes()) {
                if (index.unique() && index.predicateSql() == null && new HashSet<>(index.columns()).equals(columns)) return index.id();
            }
            return 0;
        }

        private void addNamespace(String schema) {
            if (namespaces.containsKey(schema)) return;
            long oid = catalog.schemaOid(schema);
            namespaces.put(schema, oid);
            namespaceNames.put(oid, schema);
        }

        private void addTable(TableDef table) {
            addNamespace(table.schema());
            long namespaceOid = namespaceOid(table.schema());
            addRelation(new PgRelation(table.id(), table.schema(), namespaceOid, table.name(), 'r', table, null, null, null, null));
            if (!table.hasHiddenKey()) {
                List<Boolean> ascending = Collections.nCopies(table.primaryKey().size(), Boolean.FALSE);
                String name = table.primaryKeyName() != null ? table.primaryKeyName() : table.name() + "_pkey";
                long constraintOid = ObjectIds.primaryKeyConstraintOid(table.id());
                addIndex(new PgIndex(ObjectIds.primaryKeyIndexOid(table.id()), name, table, table.primaryKey(),
                        ascending, true, true, null, 'p', constraintOid), namespaceOid);
            }
            for (IndexDef index : table.indexes()) {
                char constraintType = index.constraint() ? 'u' : 0;
                long constraintOid = index.constraint() ? ObjectIds.uniqueConstraintOid(index.id()) : 0;
                addIndex(new PgIndex(index.id(), index.name(), table, index.columns(), index.descending(),
                        index.unique(), false, index.predicateSql(), constraintType, constraintOid), namespaceOid);
            }
        }

        private void addIndex(PgIndex index, long namespaceOid) {
            indexes.add(index);
            if (index.constraintOid() != 0) indexesByConstraintOid.put(index.constraintOid(), index);
            addRelation(new PgRelation(index.oid(), index.schema(), namespaceOid, index.name(), 'i', index.table(), index, null, null, null));
        }

        private void addRelation(PgRelation relation) {
            PgRelation clash = relationsByOid.put(relation.oid(), relation);
            if (clash != null) throw new IllegalStateException("two relations with OID " + relation.oid() + ": "
                    + clash.schema() + "." + clash.name() + " and " + relation.schema() + "." + relation.name());
            relationsByName.put(relation.schema() + "." + relation.name(), relation);
            relations.add(relation);
        }
    }
}
