package io.tableos.db.wire.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tableos.db.wire.pgwire.WireMessages.Message;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds random, truncated and mutated messages to the server pipeline (seed printed, and
 * settable with -Dpgwire.fuzz.seed) and asserts that nothing escapes the pipeline: after
 * each message the connection either is closed or, given a Sync, answers ReadyForQuery;
 * every reply stream parses into whole messages.
 */
class ProtocolFuzzTest {
    private static final byte[] TYPES = "QPBDECHSdcfFXp?\0".getBytes();

    @Test
    void randomMessagesNeverBreakThePipeline() {
        long seed = Long.getLong("pgwire.fuzz.seed", System.nanoTime());
        System.out.println("ProtocolFuzzTest seed " + seed);
        Random random = new Random(seed);
        int closed = 0;
        for (int connection = 0; connection < 200; connection++) {
            EmbeddedServer server = EmbeddedServer.trusting();
            server.login();
            for (int i = 0; i < 30 && server.channel.isActive(); i++) {
                server.send(randomMessage(random)); // throws if an exception escaped the pipeline
            }
            if (server.channel.isActive()) {
                List<Message> m = server.send(WireMessages.sync());
                // In COPY-in mode Sync is ignored; otherwise it must produce ReadyForQuery.
                String types = WireMessages.types(m);
                assertTrue(types.endsWith("Z") || types.isEmpty() || !server.channel.isActive(), "seed " + seed + ": " + types);
            } else {
                closed++;
                assertEquals(0, server.context.admittedSessions(), "slot released, seed " + seed);
            }
            server.channel.finishAndReleaseAll();
        }
        System.out.println("ProtocolFuzzTest: " + closed + " of 200 connections closed by the server");
    }

    @Test
    void randomStartupPacketsAreAnsweredOrClosed() {
        long seed = Long.getLong("pgwire.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            EmbeddedServer server = EmbeddedServer.trusting();
            ByteBuf packet = Unpooled.buffer();
            int length = 8 + random.nextInt(64);
            packet.writeInt(random.nextInt(10) == 0 ? random.nextInt() : length);
            packet.writeInt(random.nextBoolean() ? ProtocolCodes.PROTOCOL_3_0 : random.nextInt());
            for (int b = 8; b < length; b++) packet.writeByte(random.nextInt(4) == 0 ? 0 : 'a' + random.nextInt(26));
            server.send(packet);
            server.channel.finishAndReleaseAll();
        }
    }

    private static ByteBuf randomMessage(Random random) {
        int kind = random.nextInt(4);
        if (kind == 0) {
            // A well-formed message of a known type, truncated at a random point.
            ByteBuf whole = validMessage(random);
            int cut = 5 + random.nextInt(Math.max(1, whole.readableBytes() - 4));
            ByteBuf body = whole.slice(5, Math.min(cut, whole.readableBytes()) - 5).copy();
            byte type = whole.getByte(0);
            whole.release();
            return WireMessages.message((char) type, body);
        }
        if (kind == 1) {
            ByteBuf valid = validMessage(random);
            int at = 5 + random.nextInt(Math.max(1, valid.readableBytes() - 5));
            if (at < valid.readableBytes()) valid.setByte(at, random.nextInt(256));
            return valid;
        }
        if (kind == 2) return validMessage(random);
        byte type = TYPES[random.nextInt(TYPES.length)];
        byte[] body = new byte[random.nextInt(40)];
        random.nextBytes(body);
        return WireMessages.message((char) type, Unpooled.wrappedBuffer(body));
    }

    private static ByteBuf validMessage(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> WireMessages.query(random.nextBoolean() ? "SELECT * FROM numbers(3)" : "FAIL");
            case 1 -> WireMessages.parse(random.nextBoolean() ? "" : "s", "SELECT $1, $2", 23, 25);
            case 2 -> WireMessages.bind(random.nextBoolean() ? "" : "p", random.nextBoolean() ? "" : "s", random.nextInt(2), "1", "x");
            case 3 -> WireMessages.describe(random.nextBoolean() ? 'S' : 'P', random.nextBoolean() ? "" : "s");
            case 4 -> WireMessages.execute(random.nextBoolean() ? "" : "p", random.nextInt(3));
            case 5 -> WireMessages.close(random.nextBoolean() ? 'S' : 'P', "s");
            case 6 -> WireMessages.sync();
            default -> WireMessages.startup(Map.of("user", "again"));
        };
    }
}
