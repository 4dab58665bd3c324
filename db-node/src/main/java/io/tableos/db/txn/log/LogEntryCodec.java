package io.tableos.db.txn.log;

import io.tableos.db.txn.log.LogItem.NotifyMessage;
import io.tableos.db.txn.log.LogItem.SequenceWrite;
import io.tableos.db.txn.log.LogItem.SequenceWriteKind;
import io.tableos.db.txn.log.LogItem.TableWrites;
import io.tableos.db.txn.log.LogItem.TxnWrites;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary format of a log entry.
 *
 * <pre>
 * entry  := version:u8 originNonce:i64 batchId:i64 firstSequence:i64 itemCount:i32 item* crc32c:i32
 * item   := 1 txn | 2 ddl | 3 chunk | 4 discard | 5 staged      (ddl: see {@link DdlCodec}; 3-5 from version 3)
 * txn    := tables seqCount:varint (sequenceId:i64 kind:u8 value:i64)*
 * tables := tableCount:varint (tableId:i64 truncate:u8 opCount:varint op*)*
 *           notifyCount:varint (channel:str payload:str senderPid:varint)*   (senderPid from version 2)
 * chunk  := stageId:i64 tables            discard := stageId:i64
 * staged := stageId:i64 chunkCount:varint txn
 * op     := 1 key:bytes row:bytes | 2 key:bytes          (put | delete)
 * bytes  := length:varint byte*          str := bytes (UTF-8)
 * </pre>
 *
 * Limits: an entry must stay below the Raft entry limit (the sequencer seals batches before
 * it); the CRC covers everything before it. A version or CRC mismatch is a
 * {@link CorruptEntryException}: the replica must stop rather than diverge.
 */
public final class LogEntryCodec {
    private LogEntryCodec() {}

    public static final int VERSION = 3;
    /** Version 2 entries (no staged items) are read as before. */
    static final int VERSION_WITHOUT_STAGES = 2;
    /** Version 1 entries (no sender PID in notifications) are still read: logs written before it replay. */
    static final int VERSION_WITHOUT_NOTIFY_SENDER = 1;
    static final int ITEM_TXN = 1;
    static final int ITEM_DDL = 2;
    static final int ITEM_STAGE_CHUNK = 3;
    static final int ITEM_STAGE_DISCARD = 4;
    static final int ITEM_STAGED_COMMIT = 5;
    private static final int OP_PUT = 1;
    private static final int OP_DELETE = 2;
    /** version + nonce + batch id + first sequence + item count. */
    static final int HEADER_BYTES = 1 + 8 + 8 + 8 + 4;
    private static final int ITEM_COUNT_OFFSET = 1 + 8 + 8 + 8;
    static final int CRC_BYTES = 4;

    /** Builds one entry item by item, so the sequencer knows its size as it grows. */
    public static final class Builder {
        private final ByteWriter out;
        private int itemCount;
        private boolean finished;

        public Builder(long originNonce, long batchId, long firstSequence, int initialCapacity) {
            out = new ByteWriter(initialCapacity);
            out.writeByte(VERSION);
            out.writeLong(originNonce);
            out.writeLong(batchId);
            out.writeLong(firstSequence);
            out.writeInt(0);
        }

        public void add(LogItem item) {
            if (finished) throw new IllegalStateException("entry already finished");
            if (item instanceof TxnWrites txn) {
                out.writeByte(ITEM_TXN);
                writeTxn(out, txn);
            } else if (item instanceof LogItem.Ddl ddl) {
                out.writeByte(ITEM_DDL);
                DdlCodec.write(out, ddl.operation());
            } else if (item instanceof LogItem.StageChunk chunk) {
                out.writeByte(ITEM_STAGE_CHUNK);
                out.writeLong(chunk.stageId());
                writeTables(out, chunk.tables());
            } else if (item instanceof LogItem.StageDiscard discard) {
                out.writeByte(ITEM_STAGE_DISCARD);
                out.writeLong(discard.stageId());
            } else {
                LogItem.StagedCommit staged = (LogItem.StagedCommit) item;
                out.writeByte(ITEM_STAGED_COMMIT);
                out.writeLong(staged.stageId());
                out.writeVarInt(staged.chunkCount());
                writeTxn(out, staged.tail());
            }
            itemCount++;
        }

        /** Where the next item starts; pass to {@link #removeLastItem} to undo an add. */
        public int position() {
            return out.size();
        }

        /** Undoes the last item added, which started at {@code position}. */
        public void removeLastItem(int position) {
            if (itemCount == 0 || position < HEADER_BYTES) throw new IllegalStateException("no item to remove");
            out.truncate(position);
            itemCount--;
        }

        public int itemCount() {
            return itemCount;
        }

        /** Bytes so far, including the trailing CRC to come. */
        public int sizeBytes() {
            return out.size() + CRC_BYTES;
        }

        public byte[] finish() {
            finished = true;
            out.setInt(ITEM_COUNT_OFFSET, itemCount);
            CRC32C crc = new CRC32C();
            crc.update(out.array(), 0, out.size());
            out.writeInt((int) crc.getValue());
            return out.toByteArray();
        }
    }

    public static byte[] encode(LogEntry entry) {
        Builder builder = new Builder(entry.originNonce(), entry.batchId(), entry.firstSequence(), 256);
        for (LogItem item : entry.items()) builder.add(item);
        return builder.finish();
    }

    /** Bytes {@code item} adds to an entry (encodes it once; for tests and limits). */
    public static int encodedSize(LogItem item) {
        Builder b = new Builder(0, 0, 0, 64);
        int before = b.sizeBytes();
        b.add(item);
        return b.sizeBytes() - before;
    }

    public static LogEntry decode(ByteBuffer entry) {
        ByteBuffer data = entry.slice();
        int length = data.remaining();
        if (length < HEADER_BYTES + CRC_BYTES) throw new CorruptEntryException("log entry too short: " + length);
        CRC32C crc = new CRC32C();
        ByteBuffer covered = data.duplicate();
        covered.limit(length - CRC_BYTES);
        crc.update(covered);
        int storedCrc = data.getInt(length - CRC_BYTES);
        if (storedCrc != (int) crc.getValue()) throw new CorruptEntryException("log entry CRC mismatch");
        ByteBuffer body = data.duplicate();
        body.limit(length - CRC_BYTES);
        ByteReader in = new ByteReader(body);
        int version = in.readByte();
        if (version != VERSION && version != VERSION_WITHOUT_STAGES && version != VERSION_WITHOUT_NOTIFY_SENDER) {
            throw new CorruptEntryException("unknown log entry version " + version);
        }
        long nonce = in.readLong();
        long batchId = in.readLong();
        long firstSequence = in.readLong();
        int count = in.readInt();
        if (count < 0 || count > in.remaining()) throw new CorruptEntryException("bad item count " + count);
        List<LogItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = in.readByte();
            items.add(switch (kind) {
                case ITEM_TXN -> readTxn(in, version);
                case ITEM_DDL -> new LogItem.Ddl(DdlCodec.read(in));
                case ITEM_STAGE_CHUNK -> new LogItem.StageChunk(in.readLong(), readTables(in));
                case ITEM_STAGE_DISCARD -> new LogItem.StageDiscard(in.readLong());
                case ITEM_STAGED_COMMIT -> new LogItem.StagedCommit(in.readLong(), in.readVarInt(), readTxn(in, version));
                default -> throw new CorruptEntryException("unknown item kind " + kind);
            });
        }
        if (in.remaining() != 0) throw new CorruptEntryException(in.remaining() + " stray bytes after the items");
        return new LogEntry(nonce, batchId, firstSequence, items);
    }

    private static void writeTxn(ByteWriter out, TxnWrites txn) {
        writeTables(out, txn.tables());
        out.writeVarInt(txn.sequences().size());
        for (SequenceWrite s : txn.sequences()) {
            out.writeLong(s.sequenceId());
            out.writeByte(s.kind().ordinal());
            out.writeLong(s.value());
        }
        out.writeVarInt(txn.notifications().size());
        for (NotifyMessage n : txn.notifications()) {
            out.writeString(n.channel());
            out.writeString(n.payload());
            out.writeVarInt(n.senderProcessId());
        }
    }

    private static void writeTables(ByteWriter out, List<TableWrites> tables) {
        out.writeVarInt(tables.size());
        for (TableWrites t : tables) {
            out.writeLong(t.tableId());
            out.writeBoolean(t.truncate());
            out.writeVarInt(t.keys().size());
            for (int i = 0; i < t.keys().size(); i++) {
                byte[] row = t.rows().get(i);
                out.writeByte(row == null ? OP_DELETE : OP_PUT);
                out.writeBytes(t.keys().get(i));
                if (row != null) out.writeBytes(row);
            }
        }
    }

    private static TxnWrites readTxn(ByteReader in, int version) {
        return readTxnRest(in, version, readTables(in));
    }

    private static List<TableWrites> readTables(ByteReader in) {
        int tableCount = in.readCount(10);
        List<TableWrites> tables = new ArrayList<>(tableCount);
        for (int t = 0; t < tableCount; t++) {
            long tableId = in.readLong();
            boolean truncate = in.readBoolean();
            int ops = in.readCount(2);
            List<byte[]> keys = new ArrayList<>(ops);
            List<byte[]> rows = new ArrayList<>(ops);
            for (int i = 0; i < ops; i++) {
                int op = in.readByte();
                keys.add(in.readBytes());
                rows.add(switch (op) {
                    case OP_PUT -> in.readBytes();
                    case OP_DELETE -> null;
                    default -> throw new CorruptEntryException("unknown row operation " + op);
                });
            }
            tables.add(new TableWrites(tableId, truncate, keys, rows));
        }
        return tables;
    }

    private static TxnWrites readTxnRest(ByteReader in, int version, List<TableWrites> tables) {
        int seqCount = in.readCount(17);
        List<SequenceWrite> sequences = new ArrayList<>(seqCount);
        SequenceWriteKind[] kinds = SequenceWriteKind.values();
        for (int i = 0; i < seqCount; i++) {
            long id = in.readLong();
            int kind = in.readByte();
            if (kind >= kinds.length) throw new CorruptEntryException("unknown sequence write kind " + kind);
            sequences.add(new SequenceWrite(id, kinds[kind], in.readLong()));
        }
        int notifyCount = in.readCount(2);
        List<NotifyMessage> notifications = new ArrayList<>(notifyCount);
        for (int i = 0; i < notifyCount; i++) {
            String channel = in.readString();
            String payload = in.readString();
            int sender = version == VERSION_WITHOUT_NOTIFY_SENDER ? 0 : in.readVarInt();
            notifications.add(new NotifyMessage(sender, channel, payload));
        }
        return new TxnWrites(tables, sequences, notifications);
    }
}
