package io.tableos.perf.storage;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.storage.RowCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Row encoding, full decoding and single-column decoding of the narrow row. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dchronicle.analytics.disable=true"})
@State(Scope.Thread)
public class RowCodecBenchmark {
    private final TableDef table = Tables.narrow();
    private final Object[] row = Tables.narrowRow(123_456);
    private final byte[] encoded = RowCodec.encode(table, row);

    @Benchmark
    public byte[] encode() {
        return RowCodec.encode(table, row);
    }

    @Benchmark
    public Object[] decode() {
        return RowCodec.decode(table, encoded);
    }

    @Benchmark
    public Object decodeLastColumn() {
        return RowCodec.decodeColumn(table, encoded, 2);
    }
}
