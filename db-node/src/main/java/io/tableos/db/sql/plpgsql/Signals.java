package io.tableos.db.sql.plpgsql;

/** Non-local control flow of a body: RETURN, and EXIT/CONTINUE of a loop. Not errors, so without stack traces. */
final class Signals {
    private Signals() {}

    static final class Return extends RuntimeException {
        final Object value;

        Return(Object value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    static final class Exit extends RuntimeException {
        final String label;
        final boolean again;

        Exit(String label, boolean again) {
            super(null, null, false, false);
            this.label = label;
            this.again = again;
        }
    }
}
