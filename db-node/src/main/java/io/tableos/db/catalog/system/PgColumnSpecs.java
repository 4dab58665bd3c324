package io.tableos.db.catalog.system;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The column lists of PostgreSQL 15's catalog relations, loaded once from {@code columns.txt}
 * (generated from a real server so names and order match what clients expect).
 */
final class PgColumnSpecs {
    private static final Map<String, TableShape> SHAPES = load();

    private PgColumnSpecs() {}

    /** The shape of {@code schema.name}; fails fast when columns.txt lacks it (a build error, not a client error). */
    static TableShape shape(String qualifiedName) {
        TableShape shape = SHAPES.get(qualifiedName);
        if (shape == null) throw new IllegalStateException("columns.txt has no relation " + qualifiedName);
        return shape;
    }

    static Iterable<String> names() {
        return SHAPES.keySet();
    }

    private static Map<String, TableShape> load() {
        Map<String, TableShape> shapes = new HashMap<>();
        try (InputStream in = PgColumnSpecs.class.getResourceAsStream("columns.txt")) {
            if (in == null) throw new IllegalStateException("columns.txt missing from the classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                TableShape shape = parse(line);
                shapes.put(shape.schema() + "." + shape.name(), shape);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return shapes;
    }

    private static TableShape parse(String line) {
        String[] parts = line.trim().split(" ");
        int dot = parts[0].indexOf('.');
        String schema = parts[0].substring(0, dot);
        String name = parts[0].substring(dot + 1);
        boolean view = parts[1].equals("v");
        List<ColumnDef> columns = new ArrayList<>();
        for (int i = 2; i < parts.length; i++) {
            int colon = parts[i].indexOf(':');
            columns.add(new ColumnDef(parts[i].substring(0, colon), dataType(parts[i].substring(colon + 1)), false, null));
        }
        return new TableShape(schema, name, view, columns);
    }

    /** Maps a PostgreSQL type (as format_type prints it, '_' for ' ') onto the nearest TableOS type. */
    static DataType dataType(String pgType) {
        return switch (pgType) {
            case "oid" -> DataType.of(SqlType.OID);
            case "information_schema.sql_identifier", "name" -> DataType.of(SqlType.NAME);
            case "boolean" -> DataType.BOOL;
            case "smallint" -> DataType.INT2;
            case "integer", "information_schema.cardinal_number" -> DataType.INT4;
            case "bigint", "xid" -> DataType.INT8;
            case "real" -> DataType.FLOAT4;
            case "double_precision" -> DataType.FLOAT8;
            case "interval" -> DataType.INTERVAL;
            case "bytea" -> DataType.BYTEA;
            case "timestamp_with_time_zone", "information_schema.time_stamp" -> DataType.TIMESTAMPTZ;
            case "information_schema.character_data" -> DataType.of(SqlType.VARCHAR);
            case "information_schema.yes_or_no" -> new DataType(SqlType.VARCHAR, 3, -1, null);
            // "char", regproc (the function's name), regtype (the type's name), expressions, LSNs,
            // addresses and anyarray travel as text: clients only compare and print them.
            case "text", "\"char\"", "regproc", "regtype", "pg_node_tree", "pg_lsn", "inet", "anyarray" -> DataType.TEXT;
            case "text[]", "\"char\"[]", "aclitem[]" -> DataType.arrayOf(SqlType.TEXT);
            case "oid[]" -> DataType.arrayOf(SqlType.OID);
            case "oidvector" -> DataType.vectorOf(SqlType.OID);
            case "smallint[]" -> DataType.arrayOf(SqlType.INT2);
            case "int2vector" -> DataType.vectorOf(SqlType.INT2);
            default -> throw new IllegalStateException("columns.txt: no TableOS type for " + pgType);
        };
    }
}
