package io.tableos.db.storage;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;

/**
 * Writes a snapshot ({@link SnapshotFormat}) to a temporary file beside the target, fsyncs
 * it, renames it over the target atomically and fsyncs the directory. Runs on any thread:
 * it writes a {@link ChronicleSnapshotCut}'s state, captured at one applied log position
 * (catalog payload, sequence values and {@link FrozenTable}s), while applies continue.
 */
final class SnapshotWriter {
    private final DataOutputStream file;
    private final ByteArrayOutputStream payloadBytes = new ByteArrayOutputStream(SnapshotFormat.ROWS_BLOCK_BYTES + 64 * 1024);
    private final DataOutputStream payload = new DataOutputStream(payloadBytes);
    private final CRC32C crc = new CRC32C();
    private long blocks;

    private SnapshotWriter(DataOutputStream file) {
        this.file = file;
    }

    /**
     * Writes a captured state ({@link ChronicleSnapshotCut}) to {@code target}; fails with
     * an IOException, deleting the temporary file, as soon as {@code cancelled} answers true.
     */
    static long write(byte[] catalogPayload, Map<Long, Long> sequences, List<FrozenTable> tables, Path target,
                      BooleanSupplier cancelled) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileOutputStream fileStream = new FileOutputStream(temp.toFile())) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fileStream, 1 << 16));
            out.writeLong(SnapshotFormat.MAGIC);
            out.writeInt(SnapshotFormat.VERSION);
            SnapshotWriter writer = new SnapshotWriter(out);
            writer.payload.write(catalogPayload);
            writer.flushBlock(SnapshotFormat.CATALOG);
            writer.writeSequenceValues(sequences);
            for (FrozenTable table : tables) writer.writeTable(table, cancelled);
            writer.payload.writeLong(writer.blocks);
            writer.flushBlock(SnapshotFormat.END);
            out.flush();
            if (cancelled.getAsBoolean()) throw cancelled(target);
            fileStream.getChannel().force(true);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path directory = target.toAbsolutePath().getParent();
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException directoryNotSyncable) {
            // Some file systems refuse fsync on a directory; the rename is still atomic.
        }
        return Files.size(target);
    }

    private static IOException cancelled(Object what) {
        return new IOException("snapshot write cancelled (its cut was closed) at " + what);
    }

    /** The CATALOG block's payload (schemas, next object id, tables, sequences, constraints, views, database names), taken at the cut. */
    static byte[] catalogPayload(Catalog catalog) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream payload = new DataOutputStream(bytes);
        List<String> schemas = catalog.schemas();
        payload.writeInt(schemas.size());
        for (String schema : schemas) CatalogSerializer.writeString(payload, schema);
        payload.writeLong(catalog.peekNextObjectId());
        List<TableDef> tables = List.copyOf(catalog.tables());
        payload.writeInt(tables.size());
        for (TableDef t : tables) CatalogSerializer.writeTable(payload, t);
        List<SequenceDef> sequences = List.copyOf(catalog.sequences());
        payload.writeInt(sequences.size());
        for (SequenceDef s : sequences) CatalogSerializer.writeSequence(payload, s);
        CatalogSerializer.writeConstraints(payload, tables);
        CatalogSerializer.writeViews(payload, List.copyOf(catalog.views()));
        List<String> databases = catalog.databases();
        payload.writeInt(databases.size());
        for (String database : databases) CatalogSerializer.writeString(payload, database);
        payload.flush();
        return bytes.toByteArray();
    }

    private void writeSequenceValues(Map<Long, Long> sequences) throws IOException {
        Map<Long, Long> copy = Map.copyOf(sequences);
        payload.writeInt(copy.size());
        for (Map.Entry<Long, Long> e : copy.entrySet()) {
            payload.writeLong(e.getKey());
            payload.writeLong(e.getValue());
        }
        flushBlock(SnapshotFormat.SEQUENCE_VALUES);
    }

    private void writeTable(FrozenTable table, BooleanSupplier cancelled) throws IOException {
        long tableId = table.def.id();
        payload.writeLong(tableId);
        payload.writeLong(table.rowCount());
        flushBlock(SnapshotFormat.TABLE);
        int rowsInBlock = 0;
        long rowsWritten = 0;
        try (KeyValueCursor c = table.rows()) {
            while (c.next()) {
                if (cancelled.getAsBoolean()) throw cancelled("table " + table.def.qualifiedName());
                rowsWritten++;
                if (rowsInBlock == 0) payload.writeLong(tableId);
                writeVarInt(c.key().length);
                payload.write(c.key());
                writeVarInt(c.value().length);
                payload.write(c.value());
                rowsInBlock++;
                if (payloadBytes.size() >= SnapshotFormat.ROWS_BLOCK_BYTES) {
                    flushRows(rowsInBlock);
                    rowsInBlock = 0;
                }
            }
        }
        if (rowsInBlock > 0) flushRows(rowsInBlock);
        if (rowsWritten != table.rowCount()) {
            throw new IllegalStateException("table " + table.def.qualifiedName() + ": wrote " + rowsWritten + " rows, the cut had " + table.rowCount());
        }
    }

    /** A ROWS block ends with its row count, so the reader can check it without a second pass here. */
    private void flushRows(int rowCount) throws IOException {
        payload.writeInt(rowCount);
        flushBlock(SnapshotFormat.ROWS);
    }

    private void writeVarInt(int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            payload.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        payload.writeByte(v);
    }

    private void flushBlock(byte kind) throws IOException {
        payload.flush();
        byte[] bytes = payloadBytes.toByteArray();
        crc.reset();
        crc.update(kind);
        crc.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
        crc.update(bytes);
        file.writeByte(kind);
        file.writeInt(bytes.length);
        file.write(bytes);
        file.writeInt((int) crc.getValue());
        payloadBytes.reset();
        blocks++;
    }
}
