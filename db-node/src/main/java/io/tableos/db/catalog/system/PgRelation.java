package io.tableos.db.catalog.system;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.ViewDef;
import io.tableos.db.types.DataType;

import java.util.ArrayList;
import java.util.List;

/**
 * One pg_class row: a table ('r'), an index ('i'), a sequence ('S'), a view ('v') or a system
 * table, which clients see as a view ('v') too. Exactly one of table/index/sequence/systemTable/view
 * describes it (an index also names its table through {@code index.table()}).
 */
public record PgRelation(long oid, String schema, long namespaceOid, String name, char kind,
                         TableDef table, PgIndex index, SequenceDef sequence, SystemTable systemTable, ViewDef view) {

    /** A sequence's three visible columns, as PostgreSQL shows them. */
    private static final List<ColumnDef> SEQUENCE_COLUMNS = List.of(
            new ColumnDef("last_value", DataType.INT8, true, null),
            new ColumnDef("log_cnt", DataType.INT8, true, null),
            new ColumnDef("is_called", DataType.BOOL, true, null));

    /** The attributes pg_attribute lists for this relation (attnum = position + 1). */
    public List<ColumnDef> columns() {
        return switch (kind) {
            case 'r' -> table.columns();
            case 'S' -> SEQUENCE_COLUMNS;
            case 'v' -> view != null ? view.columns() : systemTable.columns();
            case 'i' -> {
                List<ColumnDef> keys = new ArrayList<>(index.columns().size());
                for (int ordinal : index.columns()) keys.add(index.table().columns().get(ordinal));
                yield keys;
            }
            default -> throw new IllegalStateException("relkind " + kind);
        };
    }
}
