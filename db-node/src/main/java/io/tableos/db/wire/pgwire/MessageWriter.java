package io.tableos.db.wire.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.wire.pgwire.codec.TextValues;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes backend messages, one method per message type, into a batch buffer taken from
 * the channel's pooled allocator; rows are encoded straight into it. The batch is written
 * when it reaches {@code batchBytes} ({@link #writeIfBatchFull}) and flushed at
 * {@link #flush} (Sync, end of a simple query, CopyInResponse, idle).
 *
 * <p>Not thread-safe: one thread at a time (the event loop during startup, then the
 * connection's worker task). Netty makes {@code channel.write} from a worker thread safe
 * and keeps the order of writes.
 */
final class MessageWriter {
    private static final int INITIAL_BATCH_BYTES = 1024;

    private final Channel channel;
    private final int batchBytes;
    private ByteBuf batch;
    private int messageStart = -1;

    MessageWriter(Channel channel, int batchBytes) {
        this.channel = channel;
        this.batchBytes = batchBytes;
    }

    // ---- framing -------------------------------------------------------------------------

    private ByteBuf begin(char type) {
        assert messageStart < 0 : "message not ended";
        if (batch == null) batch = channel.alloc().ioBuffer(INITIAL_BATCH_BYTES);
        messageStart = batch.writerIndex();
        batch.writeByte(type);
        batch.writeInt(0);
        return batch;
    }

    private void end() {
        batch.setInt(messageStart + 1, batch.writerIndex() - messageStart - 1);
        messageStart = -1;
    }

    /** Drops a half-written message after an encoding error, so the batch stays well-formed. */
    private void abandon() {
        if (messageStart >= 0) {
            batch.writerIndex(messageStart);
            messageStart = -1;
        }
    }

    private static void cString(ByteBuf out, String s) {
        if (s.indexOf('\0') >= 0) s = s.replace('\0', ' ');
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeByte(0);
    }

    int bufferedBytes() {
        return batch == null ? 0 : batch.readableBytes();
    }

    /** Hands the batch to the channel without flushing. */
    void write() {
        if (batch != null && batch.isReadable()) {
            channel.write(batch, channel.voidPromise());
            batch = null;
        }
    }

    void flush() {
        write();
        channel.flush();
    }

    /** While streaming: passes a full batch on to the socket so memory held stays ~batchBytes. */
    void writeIfBatchFull() {
        if (batch != null && batch.readableBytes() >= batchBytes) {
            flush();
        }
    }

    /** Sends what is buffered, then closes the connection (after a FATAL error or Terminate). */
    void flushAndClose() {
        ByteBuf last = batch;
        batch = null;
        if (last != null && last.isReadable()) {
            channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        } else {
            if (last != null) last.release();
            channel.close();
        }
    }

    /** Releases what was not written (connection gone). */
    void discard() {
        if (batch != null) {
            batch.release();
            batch = null;
        }
        messageStart = -1;
    }

    // ---- startup and authentication -------------------------------------------------------

    /** The one-byte answer to SSLRequest / GSSENCRequest ('S' or 'N'); not a message. */
    void encryptionResponse(char answer) {
        if (batch == null) batch = channel.alloc().ioBuffer(INITIAL_BATCH_BYTES);
        batch.writeByte(answer);
    }

    void authenticationOk() {
        begin('R').writeInt(0);
        end();
    }

    void authenticationSasl(List<String> mechanisms) {
        ByteBuf out = begin('R');
        out.writeInt(10);
        for (String m : mechanisms) cString(out, m);
        out.writeByte(0);
        end();
    }

    void authenticationSaslContinue(String data) {
        ByteBuf out = begin('R');
        out.writeInt(11);
        out.writeCharSequence(data, StandardCharsets.UTF_8);
        end();
    }

    void authenticationSaslFinal(String data) {
        ByteBuf out = begin('R');
        out.writeInt(12);
        out.writeCharSequence(data, StandardCharsets.UTF_8);
        end();
    }

    void negotiateProtocolVersion(int newestMinorVersion, List<String> unrecognizedOptions) {
        ByteBuf out = begin('v');
        out.writeInt(newestMinorVersion);
        out.writeInt(unrecognizedOptions.size());
        for (String option : unrecognizedOptions) cString(out, option);
        end();
    }

    void parameterStatus(String name, String value) {
        ByteBuf out = begin('S');
        cString(out, name);
        cString(out, value == null ? "" : value);
        end();
    }

    void backendKeyData(int processId, int secretKey) {
        ByteBuf out = begin('K');
        out.writeInt(processId);
        out.writeInt(secretKey);
        end();
    }

    void readyForQuery(char transactionStatus) {
        begin('Z').writeByte(transactionStatus);
        end();
    }

    // ---- query results ---------------------------------------------------------------------

    void rowDescription(RowFormat format) {
        ByteBuf out = begin('T');
        List<ResultColumn> columns = format.columns;
        out.writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn c = columns.get(i);
            DataType type = c.type();
            cString(out, c.name());
            out.writeInt((int) c.tableOid());
            out.writeShort(c.columnNumber());
            out.writeInt(type.oid());
            out.writeShort(typeLength(type));
            out.writeInt(type.typmod());
            out.writeShort(format.formatCode(i));
        }
        end();
    }

    /** pg_type.typlen: fixed width, or −1 for variable length. */
    private static int typeLength(DataType type) {
        return switch (type.type()) {
            case BOOL -> 1;
            case INT2 -> 2;
            case INT4, OID, REGPROC, REGCLASS, FLOAT4, DATE -> 4;
            case INT8, FLOAT8, TIME, TIMESTAMP, TIMESTAMPTZ -> 8;
            case INTERVAL, UUID -> 16;
            case NAME -> 64;
            default -> -1;
        };
    }

    void dataRow(Object[] row, RowFormat format) {
        ByteBuf out = begin('D');
        try {
            int n = format.types.length;
            if (row.length < n) throw new IllegalStateException("row has " + row.length + " values for " + n + " columns");
            out.writeShort(n);
            for (int i = 0; i < n; i++) {
                Object value = row[i];
                if (value == null) {
                    out.writeInt(-1);
                    continue;
                }
                int lengthAt = out.writerIndex();
                out.writeInt(0);
                if (format.binaryCodecs[i] != null) {
                    format.binaryCodecs[i].encode(value, format.types[i], out);
                } else {
                    out.writeCharSequence(TextValues.format(value, format.types[i]), StandardCharsets.UTF_8);
                }
                out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
            }
        } catch (RuntimeException e) {
            abandon();
            throw e;
        }
        end();
    }

    void noData() {
        begin('n');
        end();
    }

    void parameterDescription(List<DataType> types) {
        ByteBuf out = begin('t');
        out.writeShort(types.size());
        for (DataType t : types) out.writeInt(t == null ? 0 : t.oid());
        end();
    }

    void commandComplete(String tag) {
        cString(begin('C'), tag);
        end();
    }

    void emptyQueryResponse() {
        begin('I');
        end();
    }

    void parseComplete() {
        begin('1');
        end();
    }

    void bindComplete() {
        begin('2');
        end();
    }

    void closeComplete() {
        begin('3');
        end();
    }

    void portalSuspended() {
        begin('s');
        end();
    }

    // ---- errors and notices ----------------------------------------------------------------

    void errorResponse(String severity, DbException error) {
        ByteBuf out = begin('E');
        writeNoticeFields(out, severity, error.sqlState(), error.getMessage(), error.detail(), error.hint(), error.position());
        end();
    }

    void noticeResponse(String severity, String sqlState, String message) {
        ByteBuf out = begin('N');
        writeNoticeFields(out, severity, sqlState, message, null, null, 0);
        end();
    }

    private static void writeNoticeFields(ByteBuf out, String severity, String sqlState, String message,
                                          String detail, String hint, int position) {
        out.writeByte('S');
        cString(out, severity);
        out.writeByte('V');
        cString(out, severity);
        out.writeByte('C');
        cString(out, sqlState == null ? "XX000" : sqlState);
        out.writeByte('M');
        cString(out, message == null ? "" : message);
        if (detail != null) {
            out.writeByte('D');
            cString(out, detail);
        }
        if (hint != null) {
            out.writeByte('H');
            cString(out, hint);
        }
        if (position > 0) {
            out.writeByte('P');
            cString(out, Integer.toString(position));
        }
        out.writeByte(0);
    }

    // ---- COPY and notifications ------------------------------------------------------------

    void copyInResponse(int columnCount) {
        copyResponse('G', columnCount);
    }

    void copyOutResponse(int columnCount) {
        copyResponse('H', columnCount);
    }

    private void copyResponse(char type, int columnCount) {
        ByteBuf out = begin(type);
        out.writeByte(0);
        out.writeShort(columnCount);
        for (int i = 0; i < columnCount; i++) out.writeShort(0);
        end();
    }

    void copyData(byte[] data) {
        begin('d').writeBytes(data);
        end();
    }

    void copyDone() {
        begin('c');
        end();
    }

    void notificationResponse(int processId, String channelName, String payload) {
        ByteBuf out = begin('A');
        out.writeInt(processId);
        cString(out, channelName);
        cString(out, payload == null ? "" : payload);
        end();
    }
}
