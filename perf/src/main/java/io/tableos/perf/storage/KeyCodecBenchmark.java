package io.tableos.perf.storage;

import io.tableos.db.storage.KeyCodec;
import io.tableos.db.types.DataType;
import java.util.List;
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

/** Encoding and decoding of a typical two-column key (bigint, text) and of a one-bigint key. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dchronicle.analytics.disable=true"})
@State(Scope.Thread)
public class KeyCodecBenchmark {
    private static final List<DataType> BIGINT_TEXT = List.of(DataType.INT8, DataType.TEXT);
    private static final List<DataType> BIGINT = List.of(DataType.INT8);

    private final Object[] pair = {123_456_789L, "customer-00042"};
    private final Object[] single = {42L};
    private final byte[] encodedPair = KeyCodec.encode(pair, BIGINT_TEXT, null);

    @Benchmark
    public byte[] encodeBigint() {
        return KeyCodec.encode(single, BIGINT, null);
    }

    @Benchmark
    public byte[] encodeBigintText() {
        return KeyCodec.encode(pair, BIGINT_TEXT, null);
    }

    @Benchmark
    public Object[] decodeBigintText() {
        return KeyCodec.decode(encodedPair, BIGINT_TEXT, null);
    }
}
