package io.tableos.db.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of system tables, filled at node start; looked up by schema and name. */
public final class SystemTables {
    private final Map<String, SystemTable> tables = new ConcurrentHashMap<>();

    public void register(SystemTable table) {
        SystemTable old = tables.putIfAbsent(table.schema() + "." + table.name(), table);
        if (old != null) throw new IllegalStateException("system table registered twice: " + table.schema() + "." + table.name());
    }

    public SystemTable find(String schema, String name) {
        return tables.get(schema + "." + name);
    }

    public Collection<SystemTable> all() {
        return tables.values();
    }
}
