package io.tableos.db.txn.log;

import java.util.List;

/**
 * One Raft log entry: a batch of items sequenced together by one leader.
 *
 * @param originNonce  random id of the leader instance that sequenced it; lets that node find its waiting commits
 * @param batchId      the origin's batch counter
 * @param firstSequence commit sequence the origin gave the first item (the others follow by one)
 * @param items        transactions and DDL in commit order
 */
public record LogEntry(long originNonce, long batchId, long firstSequence, List<LogItem> items) {}
