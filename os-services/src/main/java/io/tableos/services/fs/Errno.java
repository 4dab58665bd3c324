package io.tableos.services.fs;

import io.tableos.db.types.DbException;
import java.sql.SQLException;

/**
 * The POSIX errors of the file system and how they cross the PostgreSQL wire. Convention (the
 * clients decode it, other programs may too): the SQLSTATE is PostgreSQL's nearest code, listed
 * here, and the message starts with the errno name and ": ", e.g. {@code ENOENT: /a/b}.
 * The message prefix is authoritative (several errnos share a SQLSTATE); the SQLSTATE lets
 * generic PostgreSQL tooling classify the failure.
 */
public enum Errno {
    ENOENT("58P01", 2),        // undefined_file
    EEXIST("58P02", 17),       // duplicate_file
    ENOTEMPTY("2BP01", 39),    // dependent_objects_still_exist
    EISDIR("42809", 21),       // wrong_object_type
    ENOTDIR("42809", 20),      // wrong_object_type
    EXDEV("0A000", 18),        // feature_not_supported
    ENAMETOOLONG("42622", 36), // name_too_long
    ENOSPC("53100", 28),       // disk_full
    EINVAL("22023", 22),       // invalid_parameter_value
    ELOOP("54000", 40),        // program_limit_exceeded
    EPERM("42501", 1),         // insufficient_privilege
    EBUSY("55006", 16),        // object_in_use
    EFBIG("54000", 27),        // program_limit_exceeded
    ENODATA("42704", 61);      // undefined_object (a missing extended attribute)

    private final String sqlState;
    private final int number;

    Errno(String sqlState, int number) {
        this.sqlState = sqlState;
        this.number = number;
    }

    public String sqlState() {
        return sqlState;
    }

    /** Linux's number for this error (FUSE replies with its negation). */
    public int number() {
        return number;
    }

    /** The server-side error for {@code path}. */
    public DbException error(String path) {
        return new DbException(sqlState, name() + ": " + path);
    }

    /** The errno an error from the server carries, or null when it is not a file-system error. */
    public static Errno of(SQLException e) {
        String message = e.getMessage();
        if (message == null) return null;
        if (message.startsWith("ERROR: ")) message = message.substring("ERROR: ".length());
        int colon = message.indexOf(':');
        if (colon <= 0) return null;
        try {
            Errno errno = valueOf(message.substring(0, colon));
            return errno.sqlState.equals(e.getSQLState()) ? errno : null;
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
