package io.tableos.db.catalog.system;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What pg_settings says about a setting besides its value. Settings without a description
 * get a neutral one (category "Ungrouped", vartype guessed from the value).
 */
final class SettingDescriptions {
    record Description(String unit, String category, String shortDescription, String context, String vartype,
                       String minimum, String maximum, String[] enumValues) {}

    /** Read-only facts of the server that a session's settings map may not carry; clients read them. */
    static final Map<String, String> FIXED_VALUES = Map.of(
            "max_index_keys", "32",
            "max_identifier_length", "63",
            "block_size", "8192",
            "integer_datetimes", "on",
            "server_encoding", "UTF8",
            "lc_collate", "C",
            "lc_ctype", "C",
            "max_function_args", "100",
            "data_checksums", "off");

    private static final Map<String, Description> KNOWN = new LinkedHashMap<>();

    static {
        preset("block_size", null, "preset", "Shows the size of a disk block.", "internal", "integer", "8192", "8192");
        preset("max_index_keys", null, "preset", "Shows the maximum number of index keys.", "internal", "integer", "32", "32");
        preset("max_identifier_length", null, "preset", "Shows the maximum identifier length.", "internal", "integer", "63", "63");
        preset("max_function_args", null, "preset", "Shows the maximum number of function arguments.", "internal", "integer", "100", "100");
        preset("integer_datetimes", null, "preset", "Shows whether datetimes are integer based.", "internal", "bool", null, null);
        preset("data_checksums", null, "preset", "Shows whether data checksums are turned on for this cluster.", "internal", "bool", null, null);
        preset("server_encoding", null, "preset", "Shows the server (database) character set encoding.", "internal", "string", null, null);
        preset("server_version", null, "preset", "Shows the server version.", "internal", "string", null, null);
        preset("server_version_num", null, "preset", "Shows the server version as an integer.", "internal", "integer", "150000", "150000");
        preset("lc_collate", null, "preset", "Shows the collation order locale.", "internal", "string", null, null);
        preset("lc_ctype", null, "preset", "Shows the character classification and case conversion locale.", "internal", "string", null, null);
        preset("client_encoding", null, "Client Connection Defaults / Locale and Formatting", "Sets the client's character set encoding.", "user", "string", null, null);
        preset("DateStyle", null, "Client Connection Defaults / Locale and Formatting", "Sets the display format for date and time values.", "user", "string", null, null);
        preset("TimeZone", null, "Client Connection Defaults / Locale and Formatting", "Sets the time zone for displaying and interpreting time stamps.", "user", "string", null, null);
        preset("IntervalStyle", null, "Client Connection Defaults / Locale and Formatting", "Sets the display format for interval values.", "user", "enum", null, null);
        preset("extra_float_digits", null, "Client Connection Defaults / Locale and Formatting", "Sets the number of digits displayed for floating-point values.", "user", "integer", "-15", "3");
        preset("search_path", null, "Client Connection Defaults / Statement Behavior", "Sets the schema search order for names that are not schema-qualified.", "user", "string", null, null);
        preset("application_name", null, "Reporting and Logging / What to Log", "Sets the application name to be reported in statistics and logs.", "user", "string", null, null);
        preset("statement_timeout", "ms", "Client Connection Defaults / Statement Behavior", "Sets the maximum allowed duration of any statement.", "user", "integer", "0", "2147483647");
        preset("lock_timeout", "ms", "Client Connection Defaults / Statement Behavior", "Sets the maximum allowed duration of any wait for a lock.", "user", "integer", "0", "2147483647");
        preset("idle_in_transaction_session_timeout", "ms", "Client Connection Defaults / Statement Behavior", "Sets the maximum allowed idle time between queries, when in a transaction.", "user", "integer", "0", "2147483647");
        preset("transaction_isolation", null, "Client Connection Defaults / Statement Behavior", "Sets the current transaction's isolation level.", "user", "enum", null, null);
        preset("default_transaction_isolation", null, "Client Connection Defaults / Statement Behavior", "Sets the transaction isolation level of each new transaction.", "user", "enum", null, null);
        preset("transaction_read_only", null, "Client Connection Defaults / Statement Behavior", "Sets the current transaction's read-only status.", "user", "bool", null, null);
        preset("default_transaction_read_only", null, "Client Connection Defaults / Statement Behavior", "Sets the default read-only status of new transactions.", "user", "bool", null, null);
        preset("standard_conforming_strings", null, "Version and Platform Compatibility / Previous PostgreSQL Versions", "Causes '...' strings to treat backslashes literally.", "user", "bool", null, null);
        preset("max_connections", null, "Connections and Authentication / Connection Settings", "Sets the maximum number of concurrent connections.", "postmaster", "integer", "1", "262143");
        preset("is_superuser", null, "preset", "Shows whether the current user is a superuser.", "internal", "bool", null, null);
        preset("session_authorization", null, "Ungrouped", "Sets the session user name.", "user", "string", null, null);
    }

    private SettingDescriptions() {}

    private static void preset(String name, String unit, String category, String description, String context,
                               String vartype, String minimum, String maximum) {
        String fixedCategory = category.equals("preset") ? "Preset Options" : category;
        KNOWN.put(name.toLowerCase(), new Description(unit, fixedCategory, description, context, vartype, minimum, maximum, null));
    }

    static String canonicalName(String name) {
        for (String known : new String[] {"DateStyle", "TimeZone", "IntervalStyle"}) {
            if (known.equalsIgnoreCase(name)) return known;
        }
        return name;
    }

    static Description describe(String name, String value) {
        Description known = KNOWN.get(name.toLowerCase());
        if (known != null) return known;
        return new Description(null, "Ungrouped", null, "user", guessVartype(value), null, null, null);
    }

    private static String guessVartype(String value) {
        if (value == null) return "string";
        if (value.equals("on") || value.equals("off")) return "bool";
        if (value.matches("-?\\d+")) return "integer";
        if (value.matches("-?\\d+\\.\\d+")) return "real";
        return "string";
    }
}
