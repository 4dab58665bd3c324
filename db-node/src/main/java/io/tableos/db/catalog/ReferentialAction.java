package io.tableos.db.catalog;

/**
 * What happens to referencing rows when a referenced key is deleted or changed. The codes
 * are PostgreSQL's pg_constraint.confdeltype / confupdtype letters.
 */
public enum ReferentialAction {
    NO_ACTION('a', "NO ACTION"),
    RESTRICT('r', "RESTRICT"),
    CASCADE('c', "CASCADE"),
    SET_NULL('n', "SET NULL"),
    SET_DEFAULT('d', "SET DEFAULT");

    private final char code;
    private final String sql;

    ReferentialAction(char code, String sql) {
        this.code = code;
        this.sql = sql;
    }

    /** The pg_constraint letter. */
    public char code() { return code; }

    /** The SQL words, e.g. {@code SET NULL}. */
    public String sql() { return sql; }

    /** True for NO ACTION and RESTRICT: the change fails while a referencing row exists. */
    public boolean blocks() { return this == NO_ACTION || this == RESTRICT; }
}
