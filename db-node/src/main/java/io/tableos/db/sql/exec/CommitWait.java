package io.tableos.db.sql.exec;

import java.util.AbstractList;

/**
 * The result a long-polling procedure body returns when it found nothing to do yet: an empty
 * row list that also asks the caller to run the body again once a commit wrote one of
 * {@link #tableIds} (or after {@link #wakeAfterMillis}, when the body knows of work that
 * becomes due by time alone), within the call's wait argument. A caller that does not
 * long-poll sees an empty result.
 */
public final class CommitWait extends AbstractList<Object[]> {
    private final long[] tableIds;
    private final long wakeAfterMillis;

    /** @param wakeAfterMillis from the body's {@link ProcedureContext#now()}; {@link Long#MAX_VALUE} for none */
    public CommitWait(long[] tableIds, long wakeAfterMillis) {
        this.tableIds = tableIds.clone();
        this.wakeAfterMillis = wakeAfterMillis;
    }

    public long[] tableIds() {
        return tableIds.clone();
    }

    public long wakeAfterMillis() {
        return wakeAfterMillis;
    }

    @Override
    public Object[] get(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public int size() {
        return 0;
    }
}
