package io.tableos.services.fs.client;

import io.tableos.services.fs.Errno;
import java.io.IOException;

/** A file-system call the server refused with a POSIX error (see {@link Errno} for the wire convention). */
public final class FsException extends IOException {
    private final Errno errno;
    private final String path;

    public FsException(Errno errno, String path, Throwable cause) {
        super(errno.name() + ": " + path, cause);
        this.errno = errno;
        this.path = path;
    }

    public Errno errno() {
        return errno;
    }

    public String path() {
        return path;
    }
}
