package io.tableos.db.txn.log;

import io.tableos.db.catalog.CheckConstraintDef;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.ReferentialAction;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.ViewDef;
import io.tableos.db.storage.ColumnConversion;
import io.tableos.db.txn.DdlOperation;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoding of {@link DdlOperation}s and the catalog records they carry. Enum values travel
 * by name, so reordering {@link SqlType} does not corrupt old logs.
 */
final class DdlCodec {
    private DdlCodec() {}

    private static final int CREATE_SCHEMA = 1, DROP_SCHEMA = 2, CREATE_TABLE = 3, ALTER_TABLE = 4,
            DROP_TABLE = 5, CREATE_SEQUENCE = 6, DROP_SEQUENCE = 7;
    /**
     * CREATE/ALTER TABLE of a table with CHECK or FOREIGN KEY constraints: the table's
     * encoding is followed by its constraints. Tables without keep the older kinds, so logs
     * written before constraints existed read unchanged.
     */
    private static final int CREATE_CONSTRAINED_TABLE = 8, ALTER_CONSTRAINED_TABLE = 9;
    /** CREATE [OR REPLACE] VIEW (the whole definition) and DROP VIEW (its id). */
    private static final int CREATE_VIEW = 10, DROP_VIEW = 11;
    /** Functions and triggers: their definitions as {@link io.tableos.db.catalog.RoutineCodec} encodes them; drops by id. */
    private static final int CREATE_FUNCTION = 12, DROP_FUNCTION = 13, CREATE_TRIGGER = 14, DROP_TRIGGER = 15;
    /** CREATE DATABASE and DROP DATABASE (the name). */
    private static final int CREATE_DATABASE = 16, DROP_DATABASE = 17;
    /** ALTER DATABASE ... SET/RESET: the database name and its whole settings map. */
    private static final int DATABASE_SETTINGS = 18;
    /**
     * ALTER TABLE that retypes columns: the table, a constraints flag (and its constraints), the
     * fill values, then each column conversion's ordinal and expression text. Other ALTER TABLEs
     * keep their older kinds.
     */
    static final int ALTER_CONVERTING_TABLE = 19;
    /**
     * ALTER_CONVERTING_TABLE whose conversions each carry the session TimeZone they are evaluated
     * under, after the expression text; ALTER_CONVERTING_TABLE's read as UTC. Written for every
     * retype since.
     */
    private static final int ALTER_ZONED_CONVERTING_TABLE = 20;
    /**
     * ALTER COLUMN TYPE inside a transaction block: an ALTER_ZONED_CONVERTING_TABLE's body followed
     * by the table that keeps the replaced rows; its undo: the table as it was before (and a
     * constraints flag with its constraints) followed by the kept table's id.
     */
    private static final int RETYPE_KEEPING = 21, RESTORE_KEPT = 22;

    static void write(ByteWriter out, DdlOperation op) {
        if (op instanceof DdlOperation.CreateSchema o) {
            out.writeByte(CREATE_SCHEMA);
            out.writeString(o.name());
        } else if (op instanceof DdlOperation.DropSchema o) {
            out.writeByte(DROP_SCHEMA);
            out.writeString(o.name());
        } else if (op instanceof DdlOperation.CreateTable o) {
            out.writeByte(o.table().hasConstraints() ? CREATE_CONSTRAINED_TABLE : CREATE_TABLE);
            writeTable(out, o.table());
            if (o.table().hasConstraints()) writeConstraints(out, o.table());
            out.writeVarInt(o.ownedSequences().size());
            for (SequenceDef s : o.ownedSequences()) writeSequence(out, s);
        } else if (op instanceof DdlOperation.AlterTable o) {
            boolean converting = !o.conversions().isEmpty();
            out.writeByte(converting ? ALTER_ZONED_CONVERTING_TABLE : o.newDefinition().hasConstraints() ? ALTER_CONSTRAINED_TABLE : ALTER_TABLE);
            writeAlter(out, o, converting);
        } else if (op instanceof DdlOperation.RetypeKeeping o) {
            out.writeByte(RETYPE_KEEPING);
            writeAlter(out, o.alter(), true);
            writeTable(out, o.kept());
        } else if (op instanceof DdlOperation.RestoreKept o) {
            out.writeByte(RESTORE_KEPT);
            writeFlaggedTable(out, o.definition());
            out.writeLong(o.keptTableId());
        } else if (op instanceof DdlOperation.DropTable o) {
            out.writeByte(DROP_TABLE);
            out.writeLong(o.tableId());
        } else if (op instanceof DdlOperation.CreateSequence o) {
            out.writeByte(CREATE_SEQUENCE);
            writeSequence(out, o.sequence());
        } else if (op instanceof DdlOperation.DropSequence o) {
            out.writeByte(DROP_SEQUENCE);
            out.writeLong(o.sequenceId());
        } else if (op instanceof DdlOperation.CreateView o) {
            out.writeByte(CREATE_VIEW);
            writeView(out, o.view());
        } else if (op instanceof DdlOperation.DropView o) {
            out.writeByte(DROP_VIEW);
            out.writeLong(o.viewId());
        } else if (op instanceof DdlOperation.CreateDatabase o) {
            out.writeByte(CREATE_DATABASE);
            out.writeString(o.name());
        } else if (op instanceof DdlOperation.DropDatabase o) {
            out.writeByte(DROP_DATABASE);
            out.writeString(o.name());
        } else if (op instanceof DdlOperation.DatabaseSettings o) {
            out.writeByte(DATABASE_SETTINGS);
            out.writeString(o.database());
            out.writeVarInt(o.settings().size());
            for (java.util.Map.Entry<String, String> e : new java.util.TreeMap<>(o.settings()).entrySet()) {
                out.writeString(e.getKey());
                out.writeString(e.getValue());
            }
        } else if (op instanceof DdlOperation.CreateFunction o) {
            out.writeByte(CREATE_FUNCTION);
            out.writeBytes(io.tableos.db.catalog.RoutineCodec.encode(o.function()));
        } else if (op instanceof DdlOperation.DropFunction o) {
            out.writeByte(DROP_FUNCTION);
            out.writeLong(o.functionId());
        } else if (op instanceof DdlOperation.CreateTrigger o) {
            out.writeByte(CREATE_TRIGGER);
            out.writeBytes(io.tableos.db.catalog.RoutineCodec.encode(o.trigger()));
        } else if (op instanceof DdlOperation.DropTrigger o) {
            out.writeByte(DROP_TRIGGER);
            out.writeLong(o.triggerId());
        } else {
            throw new IllegalArgumentException("no log encoding for " + op);
        }
    }

    static DdlOperation read(ByteReader in) {
        int kind = in.readByte();
        return switch (kind) {
            case CREATE_SCHEMA -> new DdlOperation.CreateSchema(in.readString());
            case DROP_SCHEMA -> new DdlOperation.DropSchema(in.readString());
            case CREATE_TABLE, CREATE_CONSTRAINED_TABLE -> {
                TableDef table = readTable(in);
                if (kind == CREATE_CONSTRAINED_TABLE) table = readConstraints(in, table);
                int n = in.readCount(8);
                List<SequenceDef> sequences = new ArrayList<>(n);
                for (int i = 0; i < n; i++) sequences.add(readSequence(in));
                yield new DdlOperation.CreateTable(table, sequences);
            }
            case ALTER_TABLE, ALTER_CONSTRAINED_TABLE -> readAlter(in, readTable(in), kind == ALTER_CONSTRAINED_TABLE);
            case ALTER_CONVERTING_TABLE -> readConvertingAlter(in, false);
            case ALTER_ZONED_CONVERTING_TABLE -> readConvertingAlter(in, true);
            case RETYPE_KEEPING -> new DdlOperation.RetypeKeeping(readConvertingAlter(in, true), readTable(in));
            case RESTORE_KEPT -> new DdlOperation.RestoreKept(readFlaggedTable(in), in.readLong());
            case DROP_TABLE -> new DdlOperation.DropTable(in.readLong());
            case CREATE_SEQUENCE -> new DdlOperation.CreateSequence(readSequence(in));
            case DROP_SEQUENCE -> new DdlOperation.DropSequence(in.readLong());
            case CREATE_VIEW -> new DdlOperation.CreateView(readView(in));
            case DROP_VIEW -> new DdlOperation.DropView(in.readLong());
            case CREATE_DATABASE -> new DdlOperation.CreateDatabase(in.readString());
            case DROP_DATABASE -> new DdlOperation.DropDatabase(in.readString());
            case DATABASE_SETTINGS -> {
                String database = in.readString();
                int n = in.readCount(2);
                java.util.Map<String, String> settings = new java.util.TreeMap<>();
                for (int i = 0; i < n; i++) settings.put(in.readString(), in.readString());
                yield new DdlOperation.DatabaseSettings(database, java.util.Map.copyOf(settings));
            }
            case CREATE_FUNCTION -> new DdlOperation.CreateFunction(decode(in, io.tableos.db.catalog.RoutineCodec::decodeFunction));
            case DROP_FUNCTION -> new DdlOperation.DropFunction(in.readLong());
            case CREATE_TRIGGER -> new DdlOperation.CreateTrigger(decode(in, io.tableos.db.catalog.RoutineCodec::decodeTrigger));
            case DROP_TRIGGER -> new DdlOperation.DropTrigger(in.readLong());
            default -> throw new CorruptEntryException("unknown DDL kind " + kind);
        };
    }

    /** An ALTER TABLE's body after its kind: table, (a constraints flag when converting), constraints, fill values, conversions. */
    private static void writeAlter(ByteWriter out, DdlOperation.AlterTable o, boolean converting) {
        if (converting) {
            writeFlaggedTable(out, o.newDefinition());
        } else {
            writeTable(out, o.newDefinition());
            if (o.newDefinition().hasConstraints()) writeConstraints(out, o.newDefinition());
        }
        Object[] fill = o.fillValues() == null ? new Object[0] : o.fillValues();
        out.writeVarInt(fill.length);
        for (Object v : fill) ValueCodec.write(out, v);
        if (converting) {
            out.writeVarInt(o.conversions().size());
            for (ColumnConversion c : o.conversions()) {
                out.writeVarInt(c.ordinal());
                out.writeString(c.expressionSql());
                out.writeString(c.timeZone());
            }
        }
    }

    /** {@code zoned}: each conversion carries its TimeZone (else UTC, as before it was carried). */
    private static DdlOperation.AlterTable readConvertingAlter(ByteReader in, boolean zoned) {
        TableDef table = readTable(in);
        DdlOperation.AlterTable alter = readAlter(in, table, in.readByte() == 1);
        int count = in.readCount(2);
        List<ColumnConversion> conversions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int ordinal = in.readVarInt();
            String expressionSql = in.readString();
            conversions.add(zoned ? new ColumnConversion(ordinal, expressionSql, in.readString()) : new ColumnConversion(ordinal, expressionSql));
        }
        return new DdlOperation.AlterTable(alter.newDefinition(), alter.fillValues(), conversions);
    }

    /** {@link #writeAlter}'s reverse after the table (and the constraints flag of a converting one), up to the conversions. */
    private static DdlOperation.AlterTable readAlter(ByteReader in, TableDef table, boolean constrained) {
        if (constrained) table = readConstraints(in, table);
        int n = in.readCount(1);
        Object[] fill = new Object[n];
        for (int i = 0; i < n; i++) fill[i] = ValueCodec.read(in);
        return new DdlOperation.AlterTable(table, fill);
    }

    /** A table, a byte saying whether constraints follow, and its constraints. */
    private static void writeFlaggedTable(ByteWriter out, TableDef table) {
        writeTable(out, table);
        out.writeByte(table.hasConstraints() ? 1 : 0);
        if (table.hasConstraints()) writeConstraints(out, table);
    }

    private static TableDef readFlaggedTable(ByteReader in) {
        TableDef table = readTable(in);
        return in.readByte() == 1 ? readConstraints(in, table) : table;
    }

    private static <T> T decode(ByteReader in, java.util.function.Function<byte[], T> decoder) {
        try {
            return decoder.apply(in.readBytes());
        } catch (IllegalArgumentException e) {
            throw new CorruptEntryException(e.getMessage());
        }
    }

    /** Package-visible for tests that build entries of older kinds. */
    static void writeTable(ByteWriter out, TableDef t) {
        out.writeLong(t.id());
        out.writeString(t.schema());
        out.writeString(t.name());
        out.writeVarInt(t.columns().size());
        for (ColumnDef c : t.columns()) {
            out.writeString(c.name());
            writeType(out, c.type());
            out.writeBoolean(c.notNull());
            out.writeNullableString(c.defaultSql());
        }
        writeInts(out, t.primaryKey());
        out.writeNullableString(t.primaryKeyName());
        out.writeVarInt(t.indexes().size());
        for (IndexDef i : t.indexes()) {
            out.writeLong(i.id());
            out.writeString(i.name());
            out.writeLong(i.tableId());
            writeInts(out, i.columns());
            out.writeVarInt(i.descending().size());
            for (Boolean d : i.descending()) out.writeBoolean(d);
            out.writeBoolean(i.unique());
            out.writeNullableString(i.predicateSql());
            out.writeBoolean(i.constraint());
        }
        out.writeLong(t.hiddenKeySequenceId());
    }

    private static TableDef readTable(ByteReader in) {
        long id = in.readLong();
        String schema = in.readString();
        String name = in.readString();
        int columnCount = in.readCount(4);
        List<ColumnDef> columns = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            columns.add(new ColumnDef(in.readString(), readType(in), in.readBoolean(), in.readNullableString()));
        }
        List<Integer> primaryKey = readInts(in);
        String primaryKeyName = in.readNullableString();
        int indexCount = in.readCount(20);
        List<IndexDef> indexes = new ArrayList<>(indexCount);
        for (int i = 0; i < indexCount; i++) {
            long indexId = in.readLong();
            String indexName = in.readString();
            long tableId = in.readLong();
            List<Integer> indexColumns = readInts(in);
            int d = in.readCount(1);
            List<Boolean> descending = new ArrayList<>(d);
            for (int j = 0; j < d; j++) descending.add(in.readBoolean());
            indexes.add(new IndexDef(indexId, indexName, tableId, indexColumns, descending, in.readBoolean(),
                    in.readNullableString(), in.readBoolean()));
        }
        return new TableDef(id, schema, name, columns, primaryKey, primaryKeyName, indexes, in.readLong());
    }

    private static void writeView(ByteWriter out, ViewDef v) {
        out.writeLong(v.id());
        out.writeString(v.schema());
        out.writeString(v.name());
        out.writeString(v.querySql());
        out.writeVarInt(v.columns().size());
        for (ColumnDef c : v.columns()) {
            out.writeString(c.name());
            writeType(out, c.type());
        }
    }

    private static ViewDef readView(ByteReader in) {
        long id = in.readLong();
        String schema = in.readString();
        String name = in.readString();
        String querySql = in.readString();
        int columnCount = in.readCount(4);
        List<ColumnDef> columns = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) columns.add(new ColumnDef(in.readString(), readType(in), false, null));
        return new ViewDef(id, schema, name, querySql, columns);
    }

    private static void writeConstraints(ByteWriter out, TableDef t) {
        out.writeVarInt(t.checks().size());
        for (CheckConstraintDef c : t.checks()) {
            out.writeLong(c.id());
            out.writeString(c.name());
            out.writeString(c.expressionSql());
        }
        out.writeVarInt(t.foreignKeys().size());
        for (ForeignKeyDef f : t.foreignKeys()) {
            out.writeLong(f.id());
            out.writeString(f.name());
            writeInts(out, f.columns());
            out.writeLong(f.referencedTableId());
            writeInts(out, f.referencedColumns());
            out.writeString(f.onDelete().name());
            out.writeString(f.onUpdate().name());
        }
    }

    private static TableDef readConstraints(ByteReader in, TableDef t) {
        int checkCount = in.readCount(10);
        List<CheckConstraintDef> checks = new ArrayList<>(checkCount);
        for (int i = 0; i < checkCount; i++) checks.add(new CheckConstraintDef(in.readLong(), in.readString(), in.readString()));
        int foreignKeyCount = in.readCount(20);
        List<ForeignKeyDef> foreignKeys = new ArrayList<>(foreignKeyCount);
        for (int i = 0; i < foreignKeyCount; i++) {
            foreignKeys.add(new ForeignKeyDef(in.readLong(), in.readString(), readInts(in), in.readLong(), readInts(in),
                    action(in.readString()), action(in.readString())));
        }
        return t.withConstraints(checks, foreignKeys);
    }

    private static ReferentialAction action(String name) {
        try {
            return ReferentialAction.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CorruptEntryException("unknown referential action " + name);
        }
    }

    private static void writeType(ByteWriter out, DataType type) {
        out.writeString(type.type().name());
        out.writeInt(type.length());
        out.writeInt(type.scale());
        out.writeNullableString(type.element() == null ? null : type.element().name());
    }

    private static DataType readType(ByteReader in) {
        SqlType base = sqlType(in.readString());
        int length = in.readInt();
        int scale = in.readInt();
        String element = in.readNullableString();
        return new DataType(base, length, scale, element == null ? null : sqlType(element));
    }

    private static SqlType sqlType(String name) {
        try {
            return SqlType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CorruptEntryException("unknown SQL type " + name);
        }
    }

    private static void writeSequence(ByteWriter out, SequenceDef s) {
        out.writeLong(s.id());
        out.writeString(s.schema());
        out.writeString(s.name());
        out.writeLong(s.start());
        out.writeLong(s.increment());
        out.writeLong(s.minValue());
        out.writeLong(s.maxValue());
        out.writeBoolean(s.cycle());
        out.writeLong(s.ownedByTableId());
    }

    private static SequenceDef readSequence(ByteReader in) {
        return new SequenceDef(in.readLong(), in.readString(), in.readString(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readBoolean(), in.readLong());
    }

    private static void writeInts(ByteWriter out, List<Integer> values) {
        out.writeVarInt(values.size());
        for (int v : values) out.writeVarInt(v);
    }

    private static List<Integer> readInts(ByteReader in) {
        int n = in.readCount(1);
        List<Integer> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) values.add(in.readVarInt());
        return values;
    }
}
