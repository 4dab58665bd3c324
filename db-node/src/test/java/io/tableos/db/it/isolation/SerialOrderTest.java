package io.tableos.db.it.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The serializability checker on hand-made histories of two rows (both initially 0): it orders
 * a serial history and names each anomaly it must catch, so a randomized run that passes means
 * the database's history had none of them.
 */
class SerialOrderTest {
    private static final Map<Integer, Version> INITIAL = Map.of(0, initial(), 1, initial());

    private static Version initial() {
        return new Version(Version.INITIAL_WRITER, 0);
    }

    @Test
    void ordersASerialHistoryByItsVersionChains() {
        RecordedTransaction second = new RecordedTransaction(2, 0);
        second.read(0, new Version(1, 1));
        second.wrote(0, 2);
        RecordedTransaction first = new RecordedTransaction(1, 0);
        first.read(0, initial());
        first.read(1, initial());
        first.wrote(0, 1);
        RecordedTransaction reader = new RecordedTransaction(3, 1);
        reader.read(0, new Version(1, 1));
        reader.read(1, initial());
        List<RecordedTransaction> order = SerialOrder.check(INITIAL, List.of(second, reader, first),
                Map.of(0, new Version(2, 2), 1, initial()));
        assertEquals(List.of(first, reader, second), order);
    }

    @Test
    void findsWriteSkew() {
        RecordedTransaction a = readsBoth(1);
        a.wrote(0, 1);
        RecordedTransaction b = readsBoth(2);
        b.wrote(1, 1);
        assertRejected("not serializable: dependency cycle", List.of(a, b), Map.of(0, new Version(1, 1), 1, new Version(2, 1)));
    }

    @Test
    void findsReadSkew() {
        RecordedTransaction writer = readsBoth(1);
        writer.wrote(0, 1);
        writer.wrote(1, 1);
        RecordedTransaction reader = new RecordedTransaction(2, 1);
        reader.read(0, new Version(1, 1));
        reader.read(1, initial());
        assertRejected("not serializable: dependency cycle", List.of(writer, reader), Map.of(0, new Version(1, 1), 1, new Version(1, 1)));
    }

    @Test
    void findsALostUpdate() {
        RecordedTransaction a = readsBoth(1);
        a.wrote(0, 1);
        RecordedTransaction b = readsBoth(2);
        b.wrote(0, 1);
        assertRejected("lost update of row 0", List.of(a, b), Map.of(0, new Version(2, 1), 1, initial()));
    }

    @Test
    void findsAReadOfAnUncommittedWrite() {
        RecordedTransaction reader = new RecordedTransaction(2, 0);
        reader.read(0, new Version(7, 5));
        assertRejected("which no committed transaction wrote", List.of(reader), INITIAL);
    }

    @Test
    void findsAFinalStateNoTransactionLeft() {
        RecordedTransaction a = readsBoth(1);
        a.wrote(0, 1);
        assertRejected("row 0 ends at", List.of(a), INITIAL);
    }

    private static void assertRejected(String because, List<RecordedTransaction> history, Map<Integer, Version> finalState) {
        AssertionError e = assertThrows(AssertionError.class, () -> SerialOrder.check(INITIAL, history, finalState));
        assertTrue(e.getMessage().contains(because), e.getMessage());
    }

    private static RecordedTransaction readsBoth(long id) {
        RecordedTransaction t = new RecordedTransaction(id, (int) id);
        t.read(0, initial());
        t.read(1, initial());
        return t;
    }
}
