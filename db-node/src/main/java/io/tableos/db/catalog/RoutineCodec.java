package io.tableos.db.catalog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one byte encoding of {@link FunctionDef} and {@link TriggerDef}, carried as an opaque
 * blob both by the replicated log (DDL entries) and by snapshots, so the two cannot drift apart.
 * Decoding checks every count against the bytes left, so a corrupt blob fails, never allocates
 * without bound.
 */
public final class RoutineCodec {
    private RoutineCodec() {}

    public static byte[] encode(FunctionDef f) {
        return write(out -> {
            out.writeLong(f.id());
            out.writeUTF(f.schema());
            out.writeUTF(f.name());
            out.writeUTF(f.language());
            writeParameters(out, f.parameters());
            out.writeUTF(f.returnType());
            out.writeBoolean(f.returnsSet());
            writeParameters(out, f.outColumns());
            writeLong(out, f.body());
            out.writeUTF(f.volatility());
            writeStrings(out, f.settings());
            // appended later: definitions written before them decode with every parameter IN, every column TABLE, a function
            out.writeUTF(modes(f.parameters()));
            out.writeUTF(modes(f.outColumns()));
            out.writeUTF(f.kind());
            out.writeUTF(f.argumentModes());
        });
    }

    public static FunctionDef decodeFunction(byte[] bytes) {
        return read(bytes, in -> {
            long id = in.readLong();
            String schema = in.readUTF(), name = in.readUTF(), language = in.readUTF();
            List<FunctionDef.Parameter> parameters = readParameters(in);
            String returnType = in.readUTF();
            boolean returnsSet = in.readBoolean();
            List<FunctionDef.Parameter> outColumns = readParameters(in);
            String body = readLong(in), volatility = in.readUTF();
            List<String> settings = readStrings(in);
            String kind = FunctionDef.FUNCTION;
            String argumentModes = "";
            if (in.available() > 0) {
                parameters = withModes(parameters, in.readUTF());
                outColumns = withModes(outColumns, in.readUTF());
                kind = in.readUTF();
                if (in.available() > 0) argumentModes = in.readUTF();
            } else {
                outColumns = withModes(outColumns, FunctionDef.TABLE.repeat(outColumns.size()));
            }
            return new FunctionDef(id, schema, name, language, parameters, returnType, returnsSet, outColumns, body, volatility, settings, kind,
                    argumentModes);
        });
    }

    private static String modes(List<FunctionDef.Parameter> parameters) {
        return FunctionDef.modesOf(parameters);
    }

    private static List<FunctionDef.Parameter> withModes(List<FunctionDef.Parameter> parameters, String modes) {
        if (modes.length() != parameters.size()) throw new IllegalArgumentException("routine definition has " + modes.length() + " modes for " + parameters.size() + " parameters");
        List<FunctionDef.Parameter> out = new ArrayList<>(parameters.size());
        for (int i = 0; i < modes.length(); i++) out.add(parameters.get(i).withMode(String.valueOf(modes.charAt(i))));
        return out;
    }

    public static byte[] encode(TriggerDef t) {
        return write(out -> {
            out.writeLong(t.id());
            out.writeUTF(t.name());
            out.writeLong(t.tableId());
            out.writeBoolean(t.before());
            out.writeInt(t.events());
            writeStrings(out, t.updateColumns());
            out.writeBoolean(t.forEachRow());
            out.writeBoolean(t.whenSql() != null);
            if (t.whenSql() != null) writeLong(out, t.whenSql());
            out.writeLong(t.functionId());
            writeStrings(out, t.arguments());
        });
    }

    public static TriggerDef decodeTrigger(byte[] bytes) {
        return read(bytes, in -> new TriggerDef(in.readLong(), in.readUTF(), in.readLong(), in.readBoolean(), in.readInt(),
                readStrings(in), in.readBoolean(), in.readBoolean() ? readLong(in) : null, in.readLong(), readStrings(in)));
    }

    private interface Writer { void write(DataOutputStream out) throws IOException; }

    private interface Reader<T> { T read(DataInputStream in) throws IOException; }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            T value = reader.read(in);
            if (in.available() != 0) throw new IllegalArgumentException("routine definition has " + in.available() + " trailing bytes");
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt routine definition", e);
        }
    }

    /** A string of any length (writeUTF stops at 64 KiB; bodies may be longer). */
    private static void writeLong(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readLong(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[count(in)];
        in.readFully(utf8);
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) writeLong(out, s);
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = count(in);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(readLong(in));
        return out;
    }

    private static void writeParameters(DataOutputStream out, List<FunctionDef.Parameter> parameters) throws IOException {
        out.writeInt(parameters.size());
        for (FunctionDef.Parameter p : parameters) {
            out.writeUTF(p.name());
            out.writeUTF(p.type());
            out.writeBoolean(p.defaultSql() != null);
            if (p.defaultSql() != null) writeLong(out, p.defaultSql());
        }
    }

    private static List<FunctionDef.Parameter> readParameters(DataInputStream in) throws IOException {
        int n = count(in);
        List<FunctionDef.Parameter> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new FunctionDef.Parameter(in.readUTF(), in.readUTF(), in.readBoolean() ? readLong(in) : null));
        return out;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IOException("count " + n + " exceeds the " + in.available() + " bytes left");
        return n;
    }
}
