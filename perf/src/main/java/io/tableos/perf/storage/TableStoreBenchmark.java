package io.tableos.perf.storage;

import io.tableos.db.storage.ChronicleStorage;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.StorageConfig;
import io.tableos.db.storage.TableStore;
import io.tableos.db.types.DataType;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Point get, update-in-place put (with and without a secondary index) and a 100-row range
 * scan on a narrow table of {@link #rows} rows. Fork with the Chronicle JVM flags, e.g.
 * {@code java $(tableos.jvm.opens) -cp ... org.openjdk.jmh.Main TableStoreBenchmark -jvmArgsAppend "..."}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
@State(Scope.Benchmark)
public class TableStoreBenchmark {
    private static final List<DataType> BIGINT = List.of(DataType.INT8);

    @Param({"100000"})
    public int rows;

    @Param({"false", "true"})
    public boolean indexed;

    private ChronicleStorage storage;
    private TableStore table;

    @Setup(Level.Trial)
    public void load() {
        storage = new ChronicleStorage(StorageConfig.defaults(null));
        table = storage.createTable(indexed ? Tables.narrow(Tables.NARROW_BY_A) : Tables.narrow());
        for (long id = 0; id < rows; id++) put(id, id);
    }

    @TearDown(Level.Trial)
    public void close() {
        storage.close();
    }

    private void put(long id, long salt) {
        Object[] row = Tables.narrowRow(salt);
        row[0] = id;
        table.put(KeyCodec.primaryKey(table.def(), row, 0), RowCodec.encode(table.def(), row));
    }

    @Benchmark
    public byte[] get() {
        long id = ThreadLocalRandom.current().nextLong(rows);
        return table.get(KeyCodec.encode(new Object[] {id}, BIGINT, null));
    }

    @Benchmark
    public void putUpdate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        put(r.nextLong(rows), r.nextLong());
    }

    @Benchmark
    public void scan100(Blackhole sink) {
        long from = ThreadLocalRandom.current().nextLong(rows - 100);
        KeyRange range = new KeyRange(KeyCodec.encode(new Object[] {from}, BIGINT, null), true,
                KeyCodec.encode(new Object[] {from + 100}, BIGINT, null), false);
        try (KeyValueCursor c = table.scan(range, false)) {
            while (c.next()) sink.consume(c.value());
        }
    }
}
