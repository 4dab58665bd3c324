package io.tableos.db.storage;

import io.tableos.db.catalog.CheckConstraintDef;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.ReferentialAction;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of the catalog's definitions inside a snapshot. Types are written by enum
 * name (not ordinal) so reordering {@link SqlType} does not corrupt old snapshots;
 * nullable strings carry a presence flag; lists a count. The reader validates counts
 * against {@link #LIST_SIZE_MAX} and string lengths against {@link #STRING_BYTES_MAX}.
 */
final class CatalogSerializer {
    private CatalogSerializer() {}

    static final int LIST_SIZE_MAX = 1 << 20;
    static final int STRING_BYTES_MAX = 16 << 20;

    static void writeTable(DataOutput out, TableDef t) throws IOException {
        out.writeLong(t.id());
        writeString(out, t.schema());
        writeString(out, t.name());
        out.writeInt(t.columns().size());
        for (ColumnDef c : t.columns()) {
            writeString(out, c.name());
            writeType(out, c.type());
            out.writeBoolean(c.notNull());
            writeString(out, c.defaultSql());
        }
        writeInts(out, t.primaryKey());
        writeString(out, t.primaryKeyName());
        out.writeInt(t.indexes().size());
        for (IndexDef i : t.indexes()) writeIndex(out, i);
        out.writeLong(t.hiddenKeySequenceId());
    }

    static TableDef readTable(DataInput in) throws IOException {
        long id = in.readLong();
        String schema = readString(in);
        String name = readString(in);
        int columnCount = readCount(in);
        List<ColumnDef> columns = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            columns.add(new ColumnDef(readString(in), readType(in), in.readBoolean(), readString(in)));
        }
        List<Integer> primaryKey = readInts(in);
        String primaryKeyName = readString(in);
        int indexCount = readCount(in);
        List<IndexDef> indexes = new ArrayList<>(indexCount);
        for (int i = 0; i < indexCount; i++) indexes.add(readIndex(in));
        return new TableDef(id, schema, name, List.copyOf(columns), List.copyOf(primaryKey), primaryKeyName,
                List.copyOf(indexes), in.readLong());
    }

    /**
     * The CHECK and FOREIGN KEY constraints of the tables that have any, written after the
     * sequences: a snapshot taken before constraints existed simply ends there, so
     * {@link #readConstraints} is called only while the payload has bytes left.
     */
    static void writeConstraints(DataOutput out, List<TableDef> tables) throws IOException {
        List<TableDef> constrained = new ArrayList<>();
        for (TableDef t : tables) if (t.hasConstraints()) constrained.add(t);
        out.writeInt(constrained.size());
        for (TableDef t : constrained) {
            out.writeLong(t.id());
            out.writeInt(t.checks().size());
            for (CheckConstraintDef c : t.checks()) {
                out.writeLong(c.id());
                writeString(out, c.name());
                writeString(out, c.expressionSql());
            }
            out.writeInt(t.foreignKeys().size());
            for (ForeignKeyDef f : t.foreignKeys()) {
                out.writeLong(f.id());
                writeString(out, f.name());
                writeInts(out, f.columns());
                out.writeLong(f.referencedTableId());
                writeInts(out, f.referencedColumns());
                writeString(out, f.onDelete().name());
                writeString(out, f.onUpdate().name());
            }
        }
    }

    /** The views, written after the constraints: a snapshot taken before views existed ends before them. */
    static void writeViews(DataOutput out, java.util.Collection<io.tableos.db.catalog.ViewDef> views) throws IOException {
        out.writeInt(views.size());
        for (io.tableos.db.catalog.ViewDef v : views) {
            out.writeLong(v.id());
            writeString(out, v.schema());
            writeString(out, v.name());
            writeString(out, v.querySql());
            out.writeInt(v.columns().size());
            for (ColumnDef c : v.columns()) {
                writeString(out, c.name());
                writeType(out, c.type());
            }
        }
    }

    /** Functions then triggers, written after the views (older snapshots end before them), each as RoutineCodec encodes it. */
    static void writeRoutines(DataOutput out, io.tableos.db.catalog.RoutineCatalog routines) throws IOException {
        List<byte[]> functions = new ArrayList<>();
        for (io.tableos.db.catalog.FunctionDef f : List.copyOf(routines.functions())) functions.add(io.tableos.db.catalog.RoutineCodec.encode(f));
        List<byte[]> triggers = new ArrayList<>();
        for (io.tableos.db.catalog.TriggerDef t : List.copyOf(routines.triggers())) triggers.add(io.tableos.db.catalog.RoutineCodec.encode(t));
        for (List<byte[]> blobs : List.of(functions, triggers)) {
            out.writeInt(blobs.size());
            for (byte[] blob : blobs) {
                out.writeInt(blob.length);
                out.write(blob);
            }
        }
    }

    /** The functions and triggers of a snapshot. */
    record Routines(List<io.tableos.db.catalog.FunctionDef> functions, List<io.tableos.db.catalog.TriggerDef> triggers) {
        static final Routines NONE = new Routines(List.of(), List.of());

        void applyTo(io.tableos.db.catalog.RoutineCatalog catalog) {
            for (io.tableos.db.catalog.FunctionDef f : functions) catalog.putFunction(f);
            for (io.tableos.db.catalog.TriggerDef t : triggers) catalog.putTrigger(t);
        }
    }

    /** What {@link #writeRoutines} wrote. */
    static Routines readRoutines(DataInput in) throws IOException {
        List<io.tableos.db.catalog.FunctionDef> functions = new ArrayList<>();
        List<io.tableos.db.catalog.TriggerDef> triggers = new ArrayList<>();
        for (int kind = 0; kind < 2; kind++) {
            int count = readCount(in);
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                if (length < 0 || length > ROUTINE_BYTES_MAX) throw new IOException("routine definition of " + length + " bytes");
                byte[] blob = new byte[length];
                in.readFully(blob);
                try {
                    if (kind == 0) functions.add(io.tableos.db.catalog.RoutineCodec.decodeFunction(blob));
                    else triggers.add(io.tableos.db.catalog.RoutineCodec.decodeTrigger(blob));
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        }
        return new Routines(functions, triggers);
    }

    /** A function's definition is one DDL statement, which a log entry bounds; a snapshot's larger one is corrupt. */
    private static final int ROUTINE_BYTES_MAX = 160 << 20;

    static List<io.tableos.db.catalog.ViewDef> readViews(DataInput in) throws IOException {
        int count = readCount(in);
        List<io.tableos.db.catalog.ViewDef> views = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            String schema = readString(in);
            String name = readString(in);
            String querySql = readString(in);
            int columnCount = readCount(in);
            List<ColumnDef> columns = new ArrayList<>(columnCount);
            for (int c = 0; c < columnCount; c++) columns.add(new ColumnDef(readString(in), readType(in), false, null));
            views.add(new io.tableos.db.catalog.ViewDef(id, schema, name, querySql, columns));
        }
        return views;
    }

    /** The tables with the constraints {@link #writeConstraints} wrote put back on them. */
    static List<TableDef> readConstraints(DataInput in, List<TableDef> tables) throws IOException {
        java.util.Map<Long, TableDef> byId = new java.util.LinkedHashMap<>();
        for (TableDef t : tables) byId.put(t.id(), t);
        int tableCount = readCount(in);
        for (int i = 0; i < tableCount; i++) {
            long tableId = in.readLong();
            int checkCount = readCount(in);
            List<CheckConstraintDef> checks = new ArrayList<>(checkCount);
            for (int c = 0; c < checkCount; c++) checks.add(new CheckConstraintDef(in.readLong(), readString(in), readString(in)));
            int foreignKeyCount = readCount(in);
            List<ForeignKeyDef> foreignKeys = new ArrayList<>(foreignKeyCount);
            for (int f = 0; f < foreignKeyCount; f++) {
                foreignKeys.add(new ForeignKeyDef(in.readLong(), readString(in), List.copyOf(readInts(in)), in.readLong(),
                        List.copyOf(readInts(in)), action(readString(in)), action(readString(in))));
            }
            TableDef t = byId.get(tableId);
            if (t == null) throw new IOException("snapshot has constraints for unknown table " + tableId);
            byId.put(tableId, t.withConstraints(checks, foreignKeys));
        }
        return new ArrayList<>(byId.values());
    }

    private static ReferentialAction action(String name) throws IOException {
        try {
            return ReferentialAction.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("snapshot names unknown referential action " + name);
        }
    }

    private static void writeIndex(DataOutput out, IndexDef i) throws IOException {
        out.writeLong(i.id());
        writeString(out, i.name());
        out.writeLong(i.tableId());
        writeInts(out, i.columns());
        out.writeInt(i.descending().size());
        for (boolean d : i.descending()) out.writeBoolean(d);
        out.writeBoolean(i.unique());
        writeString(out, i.predicateSql());
        out.writeBoolean(i.constraint());
    }

    private static IndexDef readIndex(DataInput in) throws IOException {
        long id = in.readLong();
        String name = readString(in);
        long tableId = in.readLong();
        List<Integer> columns = readInts(in);
        int descendingCount = readCount(in);
        List<Boolean> descending = new ArrayList<>(descendingCount);
        for (int i = 0; i < descendingCount; i++) descending.add(in.readBoolean());
        return new IndexDef(id, name, tableId, List.copyOf(columns), List.copyOf(descending), in.readBoolean(),
                readString(in), in.readBoolean());
    }

    static void writeSequence(DataOutput out, SequenceDef s) throws IOException {
        out.writeLong(s.id());
        writeString(out, s.schema());
        writeString(out, s.name());
        out.writeLong(s.start());
        out.writeLong(s.increment());
        out.writeLong(s.minValue());
        out.writeLong(s.maxValue());
        out.writeBoolean(s.cycle());
        out.writeLong(s.ownedByTableId());
    }

    static SequenceDef readSequence(DataInput in) throws IOException {
        return new SequenceDef(in.readLong(), readString(in), readString(in), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readBoolean(), in.readLong());
    }

    private static void writeType(DataOutput out, DataType t) throws IOException {
        writeString(out, t.type().name());
        out.writeInt(t.length());
        out.writeInt(t.scale());
        writeString(out, t.element() == null ? null : t.element().name());
    }

    private static DataType readType(DataInput in) throws IOException {
        SqlType type = sqlType(readString(in));
        int length = in.readInt();
        int scale = in.readInt();
        String element = readString(in);
        return new DataType(type, length, scale, element == null ? null : sqlType(element));
    }

    private static SqlType sqlType(String name) throws IOException {
        try {
            return SqlType.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("snapshot names unknown SQL type " + name);
        }
    }

    private static void writeInts(DataOutput out, List<Integer> values) throws IOException {
        out.writeInt(values.size());
        for (int v : values) out.writeInt(v);
    }

    private static List<Integer> readInts(DataInput in) throws IOException {
        int count = readCount(in);
        List<Integer> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) values.add(in.readInt());
        return values;
    }

    static int readCount(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > LIST_SIZE_MAX) throw new IOException("snapshot list size " + count + " out of range");
        return count;
    }

    static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInput in) throws IOException {
        int length = in.readInt();
        if (length == -1) return null;
        if (length < 0 || length > STRING_BYTES_MAX) throw new IOException("snapshot string length " + length + " out of range");
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
