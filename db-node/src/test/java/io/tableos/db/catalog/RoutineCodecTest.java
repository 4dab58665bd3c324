package io.tableos.db.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RoutineCodec} for functions: a procedure with INOUT parameters and a RETURNS TABLE function
 * survive a round trip with their parameter modes and kind, and a blob written before modes and
 * kind were appended (the layout up to the settings) decodes as a function whose parameters are IN
 * and whose columns are RETURNS TABLE's.
 */
class RoutineCodecTest {

    @Test
    void modesAndKindRoundTrip() {
        FunctionDef.Parameter inout = new FunctionDef.Parameter("balance", "numeric", null, FunctionDef.INOUT);
        FunctionDef procedure = new FunctionDef(7, "public", "withdraw", "plpgsql",
                List.of(inout, new FunctionDef.Parameter("amount", "numeric", "1")), "numeric", false, List.of(inout),
                "BEGIN balance := balance - amount; END", "v", List.of("search_path=pg_catalog"), FunctionDef.PROCEDURE, "bi");
        assertEquals(procedure, RoutineCodec.decodeFunction(RoutineCodec.encode(procedure)));
        FunctionDef table = new FunctionDef(8, "s", "rows", "sql", List.of(), "record", true,
                List.of(new FunctionDef.Parameter("id", "int", null, FunctionDef.TABLE)), "SELECT 1", "s", List.of(), FunctionDef.FUNCTION, "");
        assertEquals(table, RoutineCodec.decodeFunction(RoutineCodec.encode(table)));
    }

    @Test
    void declaredOrderOfMixedParametersRoundTrips() {
        FunctionDef.Parameter a = new FunctionDef.Parameter("a", "int", null, FunctionDef.IN);
        FunctionDef.Parameter b = new FunctionDef.Parameter("b", "int", null, FunctionDef.OUT);
        FunctionDef.Parameter c = new FunctionDef.Parameter("c", "int", null, FunctionDef.INOUT);
        FunctionDef.Parameter d = new FunctionDef.Parameter("d", "text", null, FunctionDef.OUT);
        FunctionDef mixed = new FunctionDef(10, "public", "mixed", "plpgsql", List.of(a, c), "record", false, List.of(b, c, d),
                "BEGIN END", "v", List.of(), FunctionDef.FUNCTION, "iobo");
        FunctionDef decoded = RoutineCodec.decodeFunction(RoutineCodec.encode(mixed));
        assertEquals(mixed, decoded);
        assertEquals(List.of(a, b, c, d), decoded.declaredParameters());
        // a definition written before the declared order was kept lists its inputs first
        FunctionDef older = new FunctionDef(10, "public", "mixed", "plpgsql", List.of(a, c), "record", false, List.of(b, c, d),
                "BEGIN END", "v", List.of(), FunctionDef.FUNCTION, "");
        assertEquals(List.of(a, c, b, d), older.declaredParameters());
    }

    @Test
    void definitionsWrittenBeforeModesDecodeAsFunctionsWithInParametersAndTableColumns() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(9);
            out.writeUTF("public");
            out.writeUTF("items_of");
            out.writeUTF("plpgsql");
            out.writeInt(1);
            out.writeUTF("k");
            out.writeUTF("text");
            out.writeBoolean(false);
            out.writeUTF("record");
            out.writeBoolean(true);
            out.writeInt(1);
            out.writeUTF("item_id");
            out.writeUTF("int");
            out.writeBoolean(false);
            byte[] body = "BEGIN END".getBytes(StandardCharsets.UTF_8);
            out.writeInt(body.length);
            out.write(body);
            out.writeUTF("v");
            out.writeInt(0);
        }
        FunctionDef decoded = RoutineCodec.decodeFunction(bytes.toByteArray());
        assertEquals(new FunctionDef(9, "public", "items_of", "plpgsql", List.of(new FunctionDef.Parameter("k", "text", null, FunctionDef.IN)),
                "record", true, List.of(new FunctionDef.Parameter("item_id", "int", null, FunctionDef.TABLE)), "BEGIN END", "v", List.of(),
                FunctionDef.FUNCTION, ""), decoded);
        assertEquals(decoded, RoutineCodec.decodeFunction(RoutineCodec.encode(decoded)));
    }
}
