package io.tableos.db.catalog.system;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.SystemTable;

import java.util.ArrayList;
import java.util.List;

/** A catalog relation whose columns come from columns.txt and whose rows a {@link RowSource} fills. */
final class ShapedSystemTable implements SystemTable {
    /** Produces the rows of one scan; {@code shape.row()} starts each row. */
    @FunctionalInterface
    interface RowSource {
        void fill(Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out);
    }

    /** Relations PostgreSQL has that TableOS keeps empty: no policies, triggers, publications, ... */
    static final RowSource NO_ROWS = (context, objects, shape, out) -> { };

    private final TableShape shape;
    private final PgObjects objects;
    private final RowSource source;

    ShapedSystemTable(String qualifiedName, PgObjects objects, RowSource source) {
        this.shape = PgColumnSpecs.shape(qualifiedName);
        this.objects = objects;
        this.source = source;
    }

    @Override
    public String schema() {
        return shape.schema();
    }

    @Override
    public String name() {
        return shape.name();
    }

    @Override
    public List<ColumnDef> columns() {
        return shape.columns();
    }

    @Override
    public Iterable<Object[]> rows(Context context) {
        List<Object[]> out = new ArrayList<>();
        source.fill(context, objects.at(context.catalog()), shape, out);
        return out;
    }
}
