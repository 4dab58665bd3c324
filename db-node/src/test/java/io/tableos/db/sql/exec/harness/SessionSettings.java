package io.tableos.db.sql.exec.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A session's run-time settings (SET / SHOW / RESET) with PostgreSQL 15's defaults. Any
 * name is accepted, as custom settings are in PostgreSQL; names are case-insensitive.
 * Settings PostgreSQL reports with ParameterStatus are tracked when they change.
 */
final class SessionSettings {
    /** Settings reported to the client at startup and whenever they change. */
    static final Set<String> REPORTED = Set.of("server_version", "server_encoding", "client_encoding", "application_name",
            "datestyle", "timezone", "integer_datetimes", "standard_conforming_strings", "intervalstyle", "is_superuser",
            "session_authorization", "default_transaction_read_only", "in_hot_standby", "transaction_read_only", "search_path");

    /** Names as PostgreSQL spells them in ParameterStatus. */
    private static final Map<String, String> DISPLAY = Map.of("datestyle", "DateStyle", "timezone", "TimeZone", "intervalstyle", "IntervalStyle");

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
    static {
        DEFAULTS.put("server_version", "15.0");
        DEFAULTS.put("server_version_num", "150000");
        DEFAULTS.put("server_encoding", "UTF8");
        DEFAULTS.put("client_encoding", "UTF8");
        DEFAULTS.put("application_name", "");
        DEFAULTS.put("datestyle", "ISO, MDY");
        DEFAULTS.put("timezone", "UTC");
        DEFAULTS.put("intervalstyle", "postgres");
        DEFAULTS.put("integer_datetimes", "on");
        DEFAULTS.put("standard_conforming_strings", "on");
        DEFAULTS.put("is_superuser", "on");
        DEFAULTS.put("session_authorization", "tableos");
        DEFAULTS.put("default_transaction_isolation", "serializable");
        DEFAULTS.put("transaction_isolation", "serializable");
        DEFAULTS.put("default_transaction_read_only", "off");
        DEFAULTS.put("transaction_read_only", "off");
        DEFAULTS.put("in_hot_standby", "off");
        DEFAULTS.put("statement_timeout", "0");
        DEFAULTS.put("lock_timeout", "0");
        DEFAULTS.put("idle_in_transaction_session_timeout", "0");
        DEFAULTS.put("search_path", "\"$user\", public");
        DEFAULTS.put("max_identifier_length", "63");
        DEFAULTS.put("extra_float_digits", "1");
        DEFAULTS.put("max_connections", "100");
        DEFAULTS.put("lc_collate", "C");
        DEFAULTS.put("lc_ctype", "C");
        DEFAULTS.put("lc_messages", "C");
        DEFAULTS.put("block_size", "8192");
    }

    private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    private final Map<String, String> changedReported = new LinkedHashMap<>();

    SessionSettings(Map<String, String> startup, boolean readOnlyNode) {
        if (readOnlyNode) {
            values.put("default_transaction_read_only", "on");
            values.put("transaction_read_only", "on");
            values.put("in_hot_standby", "on");
        }
        for (Map.Entry<String, String> e : startup.entrySet()) {
            String k = e.getKey().toLowerCase();
            if (k.equals("user") || k.equals("database") || k.equals("options") || k.equals("replication")) continue;
            values.put(k, e.getValue());
        }
        if (startup.containsKey("user")) values.put("session_authorization", startup.get("user"));
        changedReported.clear();
    }

    String get(String name) {
        return values.get(name.toLowerCase());
    }

    void set(String name, String value) {
        String k = name.toLowerCase();
        String v = normalize(k, value);
        String old = values.put(k, v);
        if (REPORTED.contains(k) && !v.equals(old)) changedReported.put(display(k), v);
    }

    void reset(String name) {
        String k = name.toLowerCase();
        if (k.equals("all")) {
            for (String key : new java.util.ArrayList<>(values.keySet())) {
                if (DEFAULTS.containsKey(key) && !key.startsWith("server_")) set(key, DEFAULTS.get(key));
            }
            return;
        }
        String def = DEFAULTS.get(k);
        if (def != null) set(k, def);
        else values.remove(k);
    }

    private static String normalize(String name, String value) {
        if (name.equals("timezone") && (value.equalsIgnoreCase("utc") || value.equalsIgnoreCase("gmt") || value.equalsIgnoreCase("z"))) return "UTC";
        if (name.equals("transaction_isolation") || name.equals("default_transaction_isolation")) return value.toLowerCase();
        return value;
    }

    static String display(String name) {
        return DISPLAY.getOrDefault(name, name);
    }

    Map<String, String> takeChangedReported() {
        Map<String, String> out = new LinkedHashMap<>(changedReported);
        changedReported.clear();
        return out;
    }

    Map<String, String> reported() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : REPORTED) if (values.containsKey(k)) out.put(display(k), values.get(k));
        return out;
    }

    Map<String, String> all() {
        return new TreeMap<>(values);
    }

    /** statement_timeout in milliseconds (PostgreSQL accepts units: ms, s, min). */
    long statementTimeoutMillis() {
        String v = values.getOrDefault("statement_timeout", "0").trim().toLowerCase();
        try {
            if (v.endsWith("ms")) return Long.parseLong(v.substring(0, v.length() - 2).trim());
            if (v.endsWith("min")) return Long.parseLong(v.substring(0, v.length() - 3).trim()) * 60_000;
            if (v.endsWith("s")) return Long.parseLong(v.substring(0, v.length() - 1).trim()) * 1000;
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
