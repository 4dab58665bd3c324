package io.tableos.db.storage;

/**
 * A named injection point where storage fails on purpose, for tests of what the node does
 * when applying a committed entry fails (it must stop and refuse to serve). Production runs
 * with {@link #NONE}; a test enables one through the node's {@code tableos.test.storagefault}
 * parameter, as {@code point:table}.
 *
 * <p>Points: {@value #PUT} fails every row write into the named table (inserts, updates,
 * snapshot loading), with an {@link IllegalStateException} naming the point, before anything
 * changes.
 *
 * @param point     the injection point, or null for none
 * @param tableName the (unqualified) table whose writes fail
 */
public record StorageFault(String point, String tableName) {
    public static final String PUT = "storage.put";
    public static final StorageFault NONE = new StorageFault(null, null);

    public StorageFault {
        if (point != null && !point.equals(PUT)) throw new IllegalArgumentException("unknown storage fault point '" + point + "'");
        if (point != null && (tableName == null || tableName.isBlank())) throw new IllegalArgumentException("storage fault " + point + " needs a table name");
    }

    /** {@code point:table}, or NONE for null. */
    public static StorageFault parse(String text) {
        if (text == null) return NONE;
        int colon = text.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("storage fault must be point:table, got '" + text + "'");
        return new StorageFault(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
    }

    boolean failsPutsInto(String table) {
        return PUT.equals(point) && tableName.equals(table);
    }

    IllegalStateException failure() {
        return new IllegalStateException("injected storage fault " + point + " on table " + tableName);
    }
}
