package io.tableos.db.txn.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Entries written before notifications carried their sender's PID (version 1) still decode,
 * so a log written by an older node replays: their notifications arrive with PID 0. The
 * version-1 bytes are built here field by field, as LogEntryCodec's grammar gives them.
 */
class LogEntryVersionTest {
    @Test
    void versionOneEntryDecodesWithSenderPidZero() {
        ByteWriter out = new ByteWriter(64);
        out.writeByte(LogEntryCodec.VERSION_WITHOUT_NOTIFY_SENDER);
        out.writeLong(5);  // origin nonce
        out.writeLong(6);  // batch id
        out.writeLong(7);  // first sequence
        out.writeInt(1);   // item count
        out.writeByte(LogEntryCodec.ITEM_TXN);
        out.writeVarInt(0); // tables
        out.writeVarInt(0); // sequences
        out.writeVarInt(1); // notifications
        out.writeString("jobs");
        out.writeString("ready");
        byte[] body = out.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer entry = ByteBuffer.allocate(body.length + LogEntryCodec.CRC_BYTES);
        entry.put(body).putInt((int) crc.getValue()).flip();

        LogEntry decoded = LogEntryCodec.decode(entry);
        LogItem.TxnWrites txn = (LogItem.TxnWrites) decoded.items().get(0);
        assertEquals(List.of(new LogItem.NotifyMessage(0, "jobs", "ready")), txn.notifications());
        assertEquals(7, decoded.firstSequence());
    }

    /** An ALTER COLUMN TYPE entry written before conversions carried the session TimeZone reads as converting under UTC. */
    @Test
    void aRetypeWithoutTimeZoneDecodesAsUtc() {
        ByteWriter out = new ByteWriter(256);
        out.writeByte(DdlCodec.ALTER_CONVERTING_TABLE);
        DdlCodec.writeTable(out, LogEntryCodecTest.table());
        out.writeByte(0);    // no CHECK or FOREIGN KEY constraints follow
        out.writeVarInt(0);  // fill values
        out.writeVarInt(1);  // conversions
        out.writeVarInt(1);
        out.writeString("\"name\"");
        io.tableos.db.txn.DdlOperation.AlterTable alter = (io.tableos.db.txn.DdlOperation.AlterTable) DdlCodec.read(new ByteReader(ByteBuffer.wrap(out.toByteArray())));
        assertEquals(LogEntryCodecTest.table(), alter.newDefinition());
        assertEquals(List.of(new io.tableos.db.storage.ColumnConversion(1, "\"name\"", "UTC")), alter.conversions());
    }

    @Test
    void currentVersionKeepsTheSenderPid() {
        LogItem.TxnWrites txn = new LogItem.TxnWrites(List.of(), List.of(), List.of(new LogItem.NotifyMessage(4242, "c", "p")));
        LogEntry decoded = LogEntryCodec.decode(ByteBuffer.wrap(LogEntryCodec.encode(new LogEntry(1, 2, 3, List.of(txn)))));
        assertEquals(4242, ((LogItem.TxnWrites) decoded.items().get(0)).notifications().get(0).senderProcessId());
    }
}
