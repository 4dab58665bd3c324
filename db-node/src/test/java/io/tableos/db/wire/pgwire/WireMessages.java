package io.tableos.db.wire.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds frontend messages and parses backend messages, for tests over EmbeddedChannel. */
final class WireMessages {
    private WireMessages() {}

    /** A backend message: its type and body bytes. */
    record Message(char type, byte[] body) {
        ByteBuf buf() {
            return Unpooled.wrappedBuffer(body);
        }

        /** The 'C' (SQLSTATE) field of an ErrorResponse or NoticeResponse. */
        String field(char code) {
            ByteBuf b = buf();
            while (b.isReadable()) {
                byte f = b.readByte();
                if (f == 0) break;
                String v = cString(b);
                if (f == code) return v;
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static ByteBuf startup(Map<String, String> parameters) {
        ByteBuf b = Unpooled.buffer();
        b.writeInt(0);
        b.writeInt(ProtocolCodes.PROTOCOL_3_0);
        parameters.forEach((k, v) -> {
            cString(b, k);
            cString(b, v);
        });
        b.writeByte(0);
        b.setInt(0, b.writerIndex());
        return b;
    }

    static ByteBuf request(int code, int... ints) {
        ByteBuf b = Unpooled.buffer();
        b.writeInt(8 + 4 * ints.length);
        b.writeInt(code);
        for (int i : ints) b.writeInt(i);
        return b;
    }

    static ByteBuf message(char type, ByteBuf body) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(type);
        b.writeInt(body.readableBytes() + 4);
        b.writeBytes(body);
        body.release();
        return b;
    }

    static ByteBuf query(String sql) {
        ByteBuf body = Unpooled.buffer();
        cString(body, sql);
        return message('Q', body);
    }

    static ByteBuf parse(String name, String sql, int... oids) {
        ByteBuf body = Unpooled.buffer();
        cString(body, name);
        cString(body, sql);
        body.writeShort(oids.length);
        for (int o : oids) body.writeInt(o);
        return message('P', body);
    }

    /** Bind with text parameters (null = SQL NULL) and one result format for all columns. */
    static ByteBuf bind(String portal, String statement, int resultFormat, String... parameters) {
        ByteBuf body = Unpooled.buffer();
        cString(body, portal);
        cString(body, statement);
        body.writeShort(0);
        body.writeShort(parameters.length);
        for (String p : parameters) {
            if (p == null) {
                body.writeInt(-1);
            } else {
                byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
                body.writeInt(bytes.length);
                body.writeBytes(bytes);
            }
        }
        body.writeShort(1);
        body.writeShort(resultFormat);
        return message('B', body);
    }

    static ByteBuf describe(char kind, String name) {
        ByteBuf body = Unpooled.buffer();
        body.writeByte(kind);
        cString(body, name);
        return message('D', body);
    }

    static ByteBuf execute(String portal, int maxRows) {
        ByteBuf body = Unpooled.buffer();
        cString(body, portal);
        body.writeInt(maxRows);
        return message('E', body);
    }

    static ByteBuf close(char kind, String name) {
        ByteBuf body = Unpooled.buffer();
        body.writeByte(kind);
        cString(body, name);
        return message('C', body);
    }

    static ByteBuf sync() {
        return message('S', Unpooled.buffer());
    }

    static ByteBuf saslInitial(String mechanism, String data) {
        ByteBuf body = Unpooled.buffer();
        cString(body, mechanism);
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        body.writeInt(bytes.length);
        body.writeBytes(bytes);
        return message('p', body);
    }

    static ByteBuf saslResponse(String data) {
        return message('p', Unpooled.copiedBuffer(data, StandardCharsets.UTF_8));
    }

    static void cString(ByteBuf b, String s) {
        b.writeCharSequence(s, StandardCharsets.UTF_8);
        b.writeByte(0);
    }

    static String cString(ByteBuf b) {
        int end = b.indexOf(b.readerIndex(), b.writerIndex(), (byte) 0);
        String s = b.toString(b.readerIndex(), end - b.readerIndex(), StandardCharsets.UTF_8);
        b.readerIndex(end + 1);
        return s;
    }

    /** Everything the server wrote so far, cut into messages (a lone 'S'/'N' byte is an encryption answer). */
    static List<Message> read(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            all.writeBytes(b);
            b.release();
        }
        List<Message> out = new ArrayList<>();
        while (all.isReadable()) {
            if (all.readableBytes() == 1) {
                out.add(new Message((char) all.readByte(), new byte[0]));
                break;
            }
            char type = (char) all.readByte();
            int length = all.readInt();
            byte[] body = new byte[length - 4];
            all.readBytes(body);
            out.add(new Message(type, body));
        }
        all.release();
        return out;
    }

    static String types(List<Message> messages) {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) sb.append(m.type());
        return sb.toString();
    }
}
