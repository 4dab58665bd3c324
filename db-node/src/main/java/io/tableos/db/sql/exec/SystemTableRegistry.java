package io.tableos.db.sql.exec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The system tables of a node, by schema-qualified name. Thread-safe. */
public final class SystemTableRegistry {
    private final Map<String, SystemTable> tables = new ConcurrentHashMap<>();

    public void register(SystemTable table) {
        tables.put(table.schema() + "." + table.name(), table);
    }

    /** The table, or null. */
    public SystemTable find(String schema, String name) {
        return tables.get(schema + "." + name);
    }

    public Collection<SystemTable> all() {
        List<SystemTable> out = new ArrayList<>(tables.values());
        out.sort((a, b) -> (a.schema() + "." + a.name()).compareTo(b.schema() + "." + b.name()));
        return out;
    }
}
