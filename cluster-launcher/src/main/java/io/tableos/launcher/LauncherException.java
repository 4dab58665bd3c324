package io.tableos.launcher;

/** A failure the user can act on; printed as one line, exit status 1 (2 for bad usage). */
final class LauncherException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int exitStatus;

    LauncherException(String message) {
        this(message, 1);
    }

    LauncherException(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }
}
