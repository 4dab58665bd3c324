package io.tableos.db.txn.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.ViewDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.txn.DdlOperation;
import io.tableos.db.types.DataType;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Round trips every item and operation kind through the log entry format, and checks that corruption is caught. */
class LogEntryCodecTest {

    static TableDef table() {
        return new TableDef(16384, "app", "jobs",
                List.of(new ColumnDef("id", DataType.INT8, true, "nextval('jobs_id_seq')"),
                        new ColumnDef("name", new DataType(SqlType.VARCHAR, 20, -1, null), false, null),
                        new ColumnDef("tags", DataType.arrayOf(SqlType.TEXT), false, null)),
                List.of(0), "jobs_pkey",
                List.of(new IndexDef(16385, "jobs_name", 16384, List.of(1), List.of(true), true, "name IS NOT NULL", true)),
                0);
    }

    /** The rows a retype in a transaction block keeps: the old columns and key, nothing else. */
    static TableDef kept() {
        return new TableDef(16400, "app", "pg_retyped_16400", table().columns(), List.of(0), null, List.of(), 0);
    }

    static SequenceDef sequence() {
        return new SequenceDef(16386, "app", "jobs_id_seq", 1, 1, 1, Long.MAX_VALUE, false, 16384);
    }

    static ViewDef view() {
        return new ViewDef(16390, "app", "big_jobs", "SELECT id, \"output\" FROM app.jobs WHERE id > 10",
                List.of(new ColumnDef("id", DataType.INT8, false, null), new ColumnDef("output", DataType.arrayOf(SqlType.TEXT), false, null)));
    }

    static LogEntry sample() {
        LogItem.TxnWrites txn = new LogItem.TxnWrites(
                List.of(new LogItem.TableWrites(16384, true, List.of(new byte[] {1}, new byte[] {2}),
                                Arrays.asList(new byte[] {9, 9}, null)),
                        new LogItem.TableWrites(7, false, List.of(new byte[0]), Arrays.asList(new byte[0]))),
                List.of(new LogItem.SequenceWrite(16386, LogItem.SequenceWriteKind.ADVANCE, 42),
                        new LogItem.SequenceWrite(16386, LogItem.SequenceWriteKind.SET_CALLED, -5),
                        new LogItem.SequenceWrite(16386, LogItem.SequenceWriteKind.SET_NOT_CALLED, Long.MIN_VALUE)),
                List.of(new LogItem.NotifyMessage(1234, "jobs", "héllo"), new LogItem.NotifyMessage(0, "c", "")));
        Object[] fill = {null, true, (short) 3, 4, 5L, 1.5f, 2.5d, new BigDecimal("-12.345"), "text", new byte[] {1, 2},
                LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 1, 12, 30, 1, 123456000),
                OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), LocalTime.of(23, 59, 59, 999000),
                new Interval(1, 2, 3), new UUID(1, 2), new SqlArray(SqlType.INT4, new Object[] {1, null, 3})};
        return new LogEntry(-77, 12, 1000, List.of(txn,
                new LogItem.Ddl(new DdlOperation.CreateSchema("app")),
                new LogItem.Ddl(new DdlOperation.DropSchema("old")),
                new LogItem.Ddl(new DdlOperation.CreateTable(table(), List.of(sequence()))),
                new LogItem.Ddl(new DdlOperation.AlterTable(table(), fill)),
                new LogItem.Ddl(new DdlOperation.AlterTable(table(), new Object[0],
                        List.of(new io.tableos.db.storage.ColumnConversion(1, "(\"v\" || 'x')::int", "America/New_York"),
                                new io.tableos.db.storage.ColumnConversion(0, "\"id\"")))),
                new LogItem.Ddl(new DdlOperation.RetypeKeeping(new DdlOperation.AlterTable(table(), new Object[0],
                        List.of(new io.tableos.db.storage.ColumnConversion(1, "\"name\"::text"))), kept())),
                new LogItem.Ddl(new DdlOperation.RestoreKept(table(), 16400)),
                new LogItem.Ddl(new DdlOperation.DropTable(16384)),
                new LogItem.Ddl(new DdlOperation.CreateSequence(sequence())),
                new LogItem.Ddl(new DdlOperation.DropSequence(16386)),
                new LogItem.Ddl(new DdlOperation.CreateView(view())),
                new LogItem.Ddl(new DdlOperation.DropView(16390)),
                new LogItem.Ddl(new DdlOperation.CreateDatabase("app_db")),
                new LogItem.Ddl(new DdlOperation.DropDatabase("app_db")),
                new LogItem.Ddl(new DdlOperation.DatabaseSettings("app_db", java.util.Map.of("work_mem", "4MB", "search_path", "a, b"))),
                new LogItem.TxnWrites(List.of(), List.of(), List.of())));
    }

    @Test
    void everyItemKindRoundTrips() {
        LogEntry entry = sample();
        LogEntry back = LogEntryCodec.decode(ByteBuffer.wrap(LogEntryCodec.encode(entry)));
        assertEquals(entry.originNonce(), back.originNonce());
        assertEquals(entry.batchId(), back.batchId());
        assertEquals(entry.firstSequence(), back.firstSequence());
        assertEquals(entry.items().size(), back.items().size());
        LogItem.TxnWrites txn = (LogItem.TxnWrites) back.items().get(0);
        LogItem.TableWrites t = txn.tables().get(0);
        assertEquals(16384, t.tableId());
        assertEquals(true, t.truncate());
        assertArrayEquals(new byte[] {9, 9}, t.rows().get(0));
        assertNull(t.rows().get(1));
        assertArrayEquals(new byte[0], txn.tables().get(1).rows().get(0));
        assertEquals(((LogItem.TxnWrites) entry.items().get(0)).sequences(), txn.sequences());
        assertEquals(((LogItem.TxnWrites) entry.items().get(0)).notifications(), txn.notifications());
        int last = entry.items().size() - 1;
        for (int i = 1; i < last; i++) {
            DdlOperation expected = ((LogItem.Ddl) entry.items().get(i)).operation();
            DdlOperation actual = ((LogItem.Ddl) back.items().get(i)).operation();
            if (expected instanceof DdlOperation.AlterTable a) {
                assertAlterEquals(a, (DdlOperation.AlterTable) actual);
            } else if (expected instanceof DdlOperation.RetypeKeeping a) {
                DdlOperation.RetypeKeeping b = (DdlOperation.RetypeKeeping) actual;
                assertAlterEquals(a.alter(), b.alter());
                assertEquals(a.kept(), b.kept());
            } else {
                assertEquals(expected, actual);
            }
        }
        assertEquals(true, ((LogItem.TxnWrites) back.items().get(last)).isEmpty());
    }

    /** Field by field: fill values are arrays, which records compare by reference. */
    private static void assertAlterEquals(DdlOperation.AlterTable a, DdlOperation.AlterTable b) {
        assertEquals(a.newDefinition(), b.newDefinition());
        assertEquals(a.fillValues().length, b.fillValues().length);
        assertEquals(a.conversions(), b.conversions());
        for (int v = 0; v < a.fillValues().length; v++) {
            assertEquals(true, java.util.Objects.deepEquals(a.fillValues()[v], b.fillValues()[v]),
                    "fill value " + v + ": " + a.fillValues()[v] + " vs " + b.fillValues()[v]);
        }
    }

    @Test
    void everyFlippedByteIsCaught() {
        byte[] bytes = LogEntryCodec.encode(sample());
        Random random = new Random(1);
        for (int i = 0; i < bytes.length; i++) {
            byte[] bad = bytes.clone();
            bad[i] ^= (byte) (1 + random.nextInt(255));
            assertThrows(CorruptEntryException.class, () -> LogEntryCodec.decode(ByteBuffer.wrap(bad)), "byte " + i);
        }
        for (int n = 0; n < bytes.length; n += 7) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThrows(CorruptEntryException.class, () -> LogEntryCodec.decode(ByteBuffer.wrap(cut)));
        }
    }

    @Test
    void builderUndoesTheLastItem() {
        LogEntryCodec.Builder b = new LogEntryCodec.Builder(1, 2, 3, 16);
        b.add(new LogItem.Ddl(new DdlOperation.CreateSchema("a")));
        int position = b.position();
        b.add(new LogItem.Ddl(new DdlOperation.CreateSchema("b")));
        b.removeLastItem(position);
        LogEntry back = LogEntryCodec.decode(ByteBuffer.wrap(b.finish()));
        assertEquals(List.of(new LogItem.Ddl(new DdlOperation.CreateSchema("a"))), back.items());
    }
}
