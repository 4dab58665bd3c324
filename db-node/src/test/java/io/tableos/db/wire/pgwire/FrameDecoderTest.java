package io.tableos.db.wire.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.tableos.db.types.DbException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The frame decoder alone on an EmbeddedChannel: a startup packet followed by regular
 * messages, delivered split at every byte position, must always yield the same frames;
 * lengths outside the limits are 08P01 and nothing after them is decoded.
 */
class FrameDecoderTest {
    private static final int LIMIT = 4096;

    private static ByteBuf stream() {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b : List.of(WireMessages.startup(Map.of("user", "u", "database", "d")),
                WireMessages.query("SELECT 1"), WireMessages.parse("s", "SELECT $1", 23),
                WireMessages.sync(), WireMessages.message('X', Unpooled.buffer()))) {
            all.writeBytes(b);
            b.release();
        }
        return all;
    }

    private static List<String> decodeAll(EmbeddedChannel ch) {
        List<String> frames = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            Frame f = (Frame) o;
            frames.add(f.type + ":" + f.startupCode + ":" + f.content().readableBytes());
            f.release();
        }
        return frames;
    }

    @Test
    void splitAtEveryByteGivesTheSameFrames() {
        ByteBuf whole = stream();
        EmbeddedChannel reference = new EmbeddedChannel(new FrameDecoder(LIMIT));
        reference.writeInbound(whole.retainedDuplicate());
        List<String> expected = decodeAll(reference);
        assertEquals(5, expected.size());
        assertEquals("0:" + ProtocolCodes.PROTOCOL_3_0 + ":" + (whole.getInt(0) - 8), expected.get(0));
        for (int split = 1; split < whole.readableBytes(); split++) {
            EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
            ch.writeInbound(whole.retainedSlice(0, split));
            ch.writeInbound(whole.retainedSlice(split, whole.readableBytes() - split));
            assertEquals(expected, decodeAll(ch), "split at " + split);
            assertFalse(ch.finish());
        }
        // One byte at a time.
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        for (int i = 0; i < whole.readableBytes(); i++) ch.writeInbound(whole.retainedSlice(i, 1));
        assertEquals(expected, decodeAll(ch));
        whole.release();
    }

    private static DbException decodeError(ByteBuf input) {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(input));
        DbException db = assertInstanceOf(DbException.class, e.getCause());
        assertEquals("08P01", db.sqlState());
        // Everything after the bad length is discarded, not decoded.
        ch.writeInbound(WireMessages.query("SELECT 1"));
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
        return db;
    }

    @Test
    void startupLengthOutsideLimitsIsRejected() {
        decodeError(Unpooled.buffer().writeInt(7).writeInt(ProtocolCodes.PROTOCOL_3_0));
        decodeError(Unpooled.buffer().writeInt(PgServerConfig.MAX_STARTUP_PACKET_BYTES + 1).writeInt(ProtocolCodes.PROTOCOL_3_0));
        decodeError(Unpooled.buffer().writeInt(-1));
    }

    @Test
    void messageLengthOutsideLimitsIsRejected() {
        ByteBuf startup = WireMessages.startup(Map.of("user", "u"));
        for (int badLength : new int[] {0, 3, -5, LIMIT + 1, Integer.MAX_VALUE}) {
            ByteBuf input = Unpooled.buffer();
            input.writeBytes(startup.duplicate());
            input.writeByte('Q').writeInt(badLength);
            EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
            assertThrows(DecoderException.class, () -> ch.writeInbound(input));
            ((Frame) ch.readInbound()).release();
            assertNull(ch.readInbound());
            ch.finishAndReleaseAll();
        }
        startup.release();
    }

    @Test
    void bytesPipelinedBehindSslRequestAreRefused() {
        ByteBuf input = WireMessages.request(ProtocolCodes.SSL_REQUEST);
        input.writeBytes(new byte[] {1, 2, 3});
        DbException e = decodeError(input);
        assertEquals("received unencrypted data after SSL request", e.getMessage());
    }

    @Test
    void staysInStartupPhaseAfterSslRequest() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        ch.writeInbound(WireMessages.request(ProtocolCodes.SSL_REQUEST));
        ch.writeInbound(WireMessages.startup(Map.of("user", "u")));
        Frame ssl = ch.readInbound();
        Frame startup = ch.readInbound();
        assertEquals(ProtocolCodes.SSL_REQUEST, ssl.startupCode);
        assertEquals(ProtocolCodes.PROTOCOL_3_0, startup.startupCode);
        ssl.release();
        startup.release();
        assertFalse(ch.finish());
    }
}
