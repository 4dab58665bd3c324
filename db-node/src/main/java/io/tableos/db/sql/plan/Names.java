package io.tableos.db.sql.plan;

/** SQL identifier rules: unquoted names fold to lower case, quoted names keep their case. */
public final class Names {
    private Names() {}

    public static String ident(String raw) {
        if (raw == null) return null;
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        return raw.toLowerCase(java.util.Locale.ROOT);
    }
}
