package io.tableos.db.wire.pgwire;

import io.tableos.db.sql.session.CopyIn;

/** A COPY FROM STDIN in progress: where CopyData goes, and how it ended. */
final class CopyInState {
    final CopyIn target;
    boolean finished;
    boolean succeeded;

    CopyInState(CopyIn target) {
        this.target = target;
    }
}
