package io.tableos.db.catalog;

import java.util.List;
import java.util.Map;

/**
 * A read-only table computed from node state on each scan: pg_catalog.*,
 * information_schema.*, sys.*. Queries treat it like a stored table (scan only).
 */
public interface SystemTable {
    String schema();

    String name();

    List<ColumnDef> columns();

    /** The rows as of now; values use the Java representation of each column's type. */
    Iterable<Object[]> rows(Context context);

    /** What a system table may look at besides the catalog. */
    interface Context {
        Catalog catalog();

        /** The session's settings (name → value), for pg_settings. */
        Map<String, String> settings();

        String currentUser();

        String currentDatabase();

        /** Every session of this node (pg_stat_activity); empty where no session is at hand. */
        default java.util.List<BackendActivity> backends() {
            return java.util.List.of();
        }
    }
}
