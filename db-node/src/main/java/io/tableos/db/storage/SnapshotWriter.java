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
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes a snapshot ({@link SnapshotFormat}) to a temporary file beside the target, fsyncs
 * it, renames it over the target atomically and fsyncs the directory. Must run on the
 * apply thread (or with writes paused) so that catalog, rows and sequences agree.
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

    static long write(Catalog catalog, Map<Long, ChronicleTableStore> tables, Map<Long, Long> sequences, Path target) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileOutputStream fileStream = new FileOutputStream(temp.toFile())) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fileStream, 1 << 16));
            out.writeLong(SnapshotFormat.MAGIC);
            out.writeInt(SnapshotFormat.VERSION);
            SnapshotWriter writer = new SnapshotWriter(out);
            writer.writeCatalog(catalog);
            writer.writeSequenceValues(sequences);
            for (TableDef def : catalog.tables()) {
                ChronicleTableStore store = tables.get(def.id());
                if (store != null) writer.writeTable(store);
            }
            writer.payload.writeLong(writer.blocks);
            writer.flushBlock(SnapshotFormat.END);
            out.flush();
            fileStream.getChannel().force(true);
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

    private void writeCatalog(Catalog catalog) throws IOException {
        payload.writeInt(catalog.schemas().size());
        for (String schema : catalog.schemas()) CatalogSerializer.writeString(payload, schema);
        payload.writeLong(catalog.peekNextObjectId());
        payload.writeInt(catalog.tables().size());
        for (TableDef t : catalog.tables()) CatalogSerializer.writeTable(payload, t);
        payload.writeInt(catalog.sequences().size());
        for (SequenceDef s : catalog.sequences()) CatalogSerializer.writeSequence(payload, s);
        flushBlock(SnapshotFormat.CATALOG);
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

    private void writeTable(ChronicleTableStore store) throws IOException {
        payload.writeLong(store.def().id());
        payload.writeLong(store.rowCount());
        flushBlock(SnapshotFormat.TABLE);
        int rowsInBlock = 0;
        try (KeyValueCursor c = store.scan(KeyRange.ALL, false)) {
            while (c.next()) {
                if (rowsInBlock == 0) payload.writeLong(store.def().id());
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
