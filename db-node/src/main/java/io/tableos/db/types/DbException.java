package io.tableos.db.types;

/**
 * An operating error that becomes an ErrorResponse: bad SQL, a constraint violation, a
 * serialization conflict. Carries what PostgreSQL's ErrorResponse carries. A broken
 * invariant is not a DbException: it is an AssertionError or IllegalStateException and
 * stops the node.
 */
public class DbException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final String detail;
    private final String hint;
    /** 1-based character position in the statement text, or 0 when unknown. */
    private final int position;

    public DbException(String sqlState, String message) {
        this(sqlState, message, null, null, 0, null);
    }

    public DbException(String sqlState, String message, Throwable cause) {
        this(sqlState, message, null, null, 0, cause);
    }

    public DbException(String sqlState, String message, String detail, String hint, int position, Throwable cause) {
        super(message, cause, false, cause != null);
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
    }

    public String sqlState() { return sqlState; }
    public String detail() { return detail; }
    public String hint() { return hint; }
    public int position() { return position; }

    public DbException withPosition(int newPosition) {
        return new DbException(sqlState, getMessage(), detail, hint, newPosition, getCause());
    }

    public DbException withDetail(String newDetail) {
        return new DbException(sqlState, getMessage(), newDetail, hint, position, getCause());
    }
}
