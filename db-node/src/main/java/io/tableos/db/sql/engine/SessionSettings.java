package io.tableos.db.sql.engine;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One session's run-time settings (SET, SET LOCAL, RESET, SHOW) with PostgreSQL 15's
 * defaults. Names are case-insensitive (kept lower-case); unknown names are accepted and
 * stored, as custom settings are. Inside a transaction block a SET is undone by ROLLBACK and
 * a SET LOCAL at the block's end either way, as in PostgreSQL. Changes of the settings
 * PostgreSQL reports with ParameterStatus are collected for {@link #takeChangedReported()}.
 */
final class SessionSettings {
    static final String CANT_CHANGE_RUNTIME_PARAM = "55P02";

    /** Reported settings, lower-case name → the spelling ParameterStatus uses. */
    private static final Map<String, String> REPORTED = new LinkedHashMap<>();
    static {
        for (String name : List.of("server_version", "server_encoding", "client_encoding", "application_name",
                "DateStyle", "IntervalStyle", "TimeZone", "integer_datetimes", "standard_conforming_strings",
                "is_superuser", "session_authorization", "default_transaction_read_only", "in_hot_standby",
                "transaction_read_only")) {
            REPORTED.put(name.toLowerCase(Locale.ROOT), name);
        }
    }

    private static final Set<String> FIXED = Set.of("server_version", "server_version_num", "server_encoding",
            "integer_datetimes", "max_identifier_length", "in_hot_standby", "block_size", "lc_collate", "lc_ctype",
            "is_superuser", "max_index_keys", "max_function_args", "segment_size", "wal_block_size");

    private static final Set<String> BOOLEANS = Set.of("transaction_read_only", "default_transaction_read_only",
            "standard_conforming_strings", "transaction_deferrable", "default_transaction_deferrable", "jit",
            "enable_seqscan", "enable_indexscan", "synchronous_commit_off_unused", "escape_string_warning",
            "array_nulls", "check_function_bodies", "row_security");

    private static final Set<String> DURATIONS = Set.of("statement_timeout", "lock_timeout",
            "idle_in_transaction_session_timeout", "idle_session_timeout");

    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> changedReported = new LinkedHashMap<>();
    /** Values to restore at the end of the transaction block: name → value before its first SET in the block. */
    private final Map<String, String> undoOnRollback = new HashMap<>();
    private final Map<String, String> undoAtEnd = new HashMap<>();

    /**
     * @param configured defaults set for this session's node and database (--set, ALTER DATABASE
     *                   ... SET; already checked by {@link #checkedDefault}), applied over the
     *                   built-in defaults and under the startup parameters
     */
    SessionSettings(Map<String, String> startup, EngineSettings engine, boolean follower, Map<String, String> configured) {
        String user = startup.getOrDefault("user", "tableos");
        defaults.put("server_version", "15.0");
        defaults.put("server_version_num", "150000");
        defaults.put("server_encoding", "UTF8");
        defaults.put("client_encoding", "UTF8");
        defaults.put("application_name", "");
        defaults.put("datestyle", "ISO, MDY");
        defaults.put("intervalstyle", "postgres");
        defaults.put("timezone", "UTC");
        defaults.put("integer_datetimes", "on");
        defaults.put("standard_conforming_strings", "on");
        defaults.put("is_superuser", "on");
        defaults.put("session_authorization", user);
        defaults.put("default_transaction_isolation", "read committed");  // PostgreSQL's default
        defaults.put("transaction_isolation", "read committed");
        defaults.put("default_transaction_read_only", follower ? "on" : "off");
        defaults.put("transaction_read_only", follower ? "on" : "off");
        defaults.put("default_transaction_deferrable", "off");
        defaults.put("transaction_deferrable", "off");
        defaults.put("in_hot_standby", follower ? "on" : "off");
        defaults.put("search_path", "\"$user\", public");
        defaults.put("statement_timeout", formatMillis(engine.statementTimeoutMillis()));
        defaults.put("lock_timeout", "0");
        defaults.put("idle_in_transaction_session_timeout", "0");
        defaults.put("extra_float_digits", "1");
        defaults.put("max_identifier_length", "63");
        defaults.put("lc_collate", "C");
        defaults.put("lc_ctype", "C");
        defaults.put("lc_messages", "C");
        defaults.put("lc_monetary", "C");
        defaults.put("lc_numeric", "C");
        defaults.put("lc_time", "C");
        defaults.put("block_size", "8192");
        defaults.put("max_connections", "100");
        defaults.put("bytea_output", "hex");
        defaults.put("client_min_messages", "notice");
        defaults.put("synchronous_commit", "on");
        defaults.put("default_with_oids", "off");
        for (Map.Entry<String, String> e : configured.entrySet()) {
            if (!FIXED.contains(e.getKey())) defaults.put(e.getKey(), e.getValue());
        }
        values.putAll(defaults);
        for (Map.Entry<String, String> e : startupSettings(startup).entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (FIXED.contains(name)) continue;
            String value = normalize(name, e.getValue());
            values.put(name, value);
            defaults.put(name, value); // RESET returns to the connection's value, as in PostgreSQL
        }
        changedReported.clear();
    }

    /** StartupMessage parameters that are settings, plus {@code options=-c name=value ...}. */
    private static Map<String, String> startupSettings(Map<String, String> startup) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : startup.entrySet()) {
            String k = e.getKey();
            if (k.equals("user") || k.equals("database") || k.equals("replication")) continue;
            if (k.equals("options")) {
                String[] words = optionWords(e.getValue());
                for (int i = 0; i < words.length; i++) {
                    String w = words[i];
                    if (w.equals("-c") && i + 1 < words.length) w = words[++i];
                    else if (w.startsWith("-c")) w = w.substring(2);
                    else if (w.startsWith("--")) w = w.substring(2);
                    else continue;
                    int eq = w.indexOf('=');
                    if (eq > 0) out.put(w.substring(0, eq).replace('-', '_'), w.substring(eq + 1));
                }
                continue;
            }
            out.put(k, e.getValue());
        }
        return out;
    }

    /** The words of a startup {@code options} value: split at blanks, a backslash escaping the next character (as libpq does). */
    private static String[] optionWords(String options) {
        List<String> words = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < options.length(); i++) {
            char ch = options.charAt(i);
            if (ch == '\\' && i + 1 < options.length()) {
                word.append(options.charAt(++i));
            } else if (Character.isWhitespace(ch)) {
                if (word.length() > 0) words.add(word.toString());
                word.setLength(0);
            } else {
                word.append(ch);
            }
        }
        if (word.length() > 0) words.add(word.toString());
        return words.toArray(new String[0]);
    }

    String get(String name) {
        return values.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every setting, name → value, sorted by name (SHOW ALL, pg_settings). */
    Map<String, String> all() {
        return new TreeMap<>(values);
    }

    /**
     * SET name = value. {@code inBlock}: a transaction block is open, so the change is undone
     * by ROLLBACK; {@code local}: undone at the block's end either way.
     */
    void set(String name, String value, boolean local, boolean inBlock) {
        String key = name.toLowerCase(Locale.ROOT);
        if (FIXED.contains(key)) {
            throw new DbException(CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + key + "\" cannot be changed");
        }
        String normalized = normalize(key, value);
        if (inBlock) {
            String old = values.get(key);
            undoOnRollback.putIfAbsent(key, old);
            if (local) undoAtEnd.putIfAbsent(key, old);
        } else if (local) {
            return; // SET LOCAL outside a block has no effect (PostgreSQL warns)
        }
        put(key, normalized);
    }

    /**
     * Replaces a setting for the length of a function call (CREATE FUNCTION ... SET), outside the
     * transaction-block bookkeeping: the caller puts the returned previous value (null: unset) back
     * with another swap when the call ends, however it ends.
     */
    String swap(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (FIXED.contains(key)) throw new DbException(CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + key + "\" cannot be changed");
        String old = values.get(key);
        if (value == null) values.remove(key);
        else put(key, normalize(key, value));
        return old;
    }

    /** Sets a value the engine derives itself (transaction_isolation and the like), bypassing checks. */
    void putInternal(String name, String value) {
        put(name, value);
    }

    void reset(String name, boolean inBlock) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals("all")) {
            for (Map.Entry<String, String> e : defaults.entrySet()) {
                if (FIXED.contains(e.getKey()) || e.getKey().startsWith("transaction_")) continue;
                if (inBlock) undoOnRollback.putIfAbsent(e.getKey(), values.get(e.getKey()));
                put(e.getKey(), e.getValue());
            }
            return;
        }
        if (FIXED.contains(key)) throw new DbException(CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + key + "\" cannot be changed");
        if (inBlock) undoOnRollback.putIfAbsent(key, values.get(key));
        String d = defaults.get(key);
        if (d == null) values.remove(key);
        else put(key, d);
    }

    String defaultValue(String name) {
        return defaults.get(name.toLowerCase(Locale.ROOT));
    }

    /** The transaction block ended: undo SET LOCAL, and every SET of the block on rollback. */
    void endBlock(boolean committed) {
        Map<String, String> undo = committed ? undoAtEnd : undoOnRollback;
        for (Map.Entry<String, String> e : undo.entrySet()) {
            if (e.getValue() == null) values.remove(e.getKey());
            else put(e.getKey(), e.getValue());
        }
        undoOnRollback.clear();
        undoAtEnd.clear();
    }

    private void put(String key, String value) {
        String old = values.put(key, value);
        String reportedName = REPORTED.get(key);
        if (reportedName != null && !value.equals(old)) changedReported.put(reportedName, value);
    }

    Map<String, String> reported() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : REPORTED.entrySet()) out.put(e.getValue(), values.getOrDefault(e.getKey(), ""));
        return out;
    }

    Map<String, String> takeChangedReported() {
        if (changedReported.isEmpty()) return Map.of();
        Map<String, String> out = new LinkedHashMap<>(changedReported);
        changedReported.clear();
        return out;
    }

    void forgetChangedReported() {
        changedReported.clear();
    }

    /** statement_timeout in milliseconds (0 = none). */
    long statementTimeoutMillis() {
        return parseMillis("statement_timeout", values.getOrDefault("statement_timeout", "0"));
    }

    // ---- value normalisation ----

    /**
     * A setting's value as a configured default (node --set, ALTER DATABASE ... SET), normalized;
     * fails as SET would for a bad value, and with 55P02 for a setting no session may change.
     */
    static String checkedDefault(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (FIXED.contains(key) || key.startsWith("transaction_")) {
            throw new DbException(CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + key + "\" cannot be changed");
        }
        return normalize(key, value);
    }

    static String normalize(String key, String value) {
        if (value == null) value = "";
        if (BOOLEANS.contains(key)) return parseBoolean(key, value) ? "on" : "off";
        if (DURATIONS.contains(key)) return formatMillis(parseMillis(key, value));
        switch (key) {
            case "client_encoding" -> {
                String v = value.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
                if (v.equals("UTF8") || v.equals("UNICODE") || v.equals("AUTO")) return "UTF8";
                if (v.equals("SQLASCII")) return "SQL_ASCII";
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "conversion between " + value + " and UTF8 is not supported");
            }
            case "datestyle" -> {
                return dateStyle(value);
            }
            case "timezone" -> {
                String v = value.trim();
                if (v.equalsIgnoreCase("utc") || v.equalsIgnoreCase("etc/utc") || v.equalsIgnoreCase("gmt") || v.equalsIgnoreCase("z")) return "UTC";
                return v;
            }
            case "transaction_isolation", "default_transaction_isolation" -> {
                String v = value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                if (!Set.of("serializable", "repeatable read", "read committed", "read uncommitted").contains(v)) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + key + "\": \"" + value + "\"");
                }
                return v;
            }
            case "extra_float_digits" -> {
                try {
                    int n = Integer.parseInt(value.trim());
                    if (n < -15 || n > 3) throw new NumberFormatException();
                    return Integer.toString(n);
                } catch (NumberFormatException e) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"extra_float_digits\": \"" + value + "\"");
                }
            }
            default -> {
                return value;
            }
        }
    }

    private static String dateStyle(String value) {
        String output = "ISO";
        String order = "MDY";
        for (String part : value.split("[,\\s]+")) {
            switch (part.trim().toUpperCase(Locale.ROOT)) {
                case "" -> { }
                case "ISO" -> output = "ISO";
                case "SQL" -> output = "SQL";
                case "POSTGRES" -> output = "Postgres";
                case "GERMAN" -> output = "German";
                case "MDY", "US", "NONEURO", "NONEUROPEAN" -> order = "MDY";
                case "DMY", "EURO", "EUROPEAN" -> order = "DMY";
                case "YMD" -> order = "YMD";
                case "DEFAULT" -> { output = "ISO"; order = "MDY"; }
                default -> throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"DateStyle\": \"" + value + "\"");
            }
        }
        return output + ", " + order;
    }

    static boolean parseBoolean(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1", "t", "y" -> true;
            case "off", "false", "no", "0", "f", "n" -> false;
            default -> throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + key + "\" requires a Boolean value");
        };
    }

    /** A duration setting: a number of milliseconds, or a number with a unit (us, ms, s, min, h, d). */
    static long parseMillis(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.' || (i == 0 && v.charAt(i) == '-'))) i++;
        try {
            double number = Double.parseDouble(v.substring(0, i));
            String unit = v.substring(i).trim();
            double factor = switch (unit) {
                case "", "ms" -> 1;
                case "us" -> 0.001;
                case "s" -> 1000;
                case "min" -> 60_000;
                case "h" -> 3_600_000;
                case "d" -> 86_400_000;
                default -> throw new NumberFormatException();
            };
            long ms = Math.round(number * factor);
            if (ms < 0) throw new NumberFormatException();
            return ms;
        } catch (NumberFormatException e) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + key + "\": \"" + value + "\"");
        }
    }

    /** PostgreSQL's SHOW form of a duration: the largest unit that divides it exactly. */
    static String formatMillis(long ms) {
        if (ms == 0) return "0";
        if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "min";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
