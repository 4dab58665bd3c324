package io.tableos.db.it.cluster;

import static io.tableos.db.it.cluster.InProcessGroup.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.it.cluster.InProcessGroup.Member;
import io.tableos.db.replication.MembershipException;
import io.tableos.db.replication.RaftPeerAddress;
import io.tableos.db.replication.RaftStatus;
import io.tableos.db.types.DbException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Membership changes and snapshot installation at the replication level, with three to four
 * Raft members in this JVM (no SQL): a node added while a client writes catches up and
 * holds every acknowledged row; a removed node leaves the configuration; a member whose
 * data directory was wiped after the leader purged its log rejoins by installing the
 * leader's snapshot; the read barrier brings a follower up to the leader's commit index.
 */
class MembershipAndSnapshotTest {
    @TempDir
    Path dir;

    @Test
    void addRemoveAndRejoinFromSnapshotWhileWriting() throws Exception {
        try (InProcessGroup group = new InProcessGroup(dir, 256 << 10)) {
            for (String id : List.of("1", "2", "3")) group.newAddress(id);
            List<RaftPeerAddress> three = group.peers("1", "2", "3");
            for (String id : List.of("1", "2", "3")) group.start(id, three);
            group.createTable();

            // A client that keeps writing through every change, retrying on leadership moves.
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong nextKey = new AtomicLong(1_000_000);
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    Member leader = group.leader();
                    if (leader == null) continue;
                    long k = nextKey.getAndIncrement();
                    try {
                        InProcessGroup.insert(leader.manager(), k, k + 1, 1, "w");
                        acknowledged.add(k);
                    } catch (DbException | IllegalStateException e) {
                        // not acknowledged: may or may not be there
                    }
                }
            }, "writer");
            writer.start();

            Member leader = group.awaitLeader();
            InProcessGroup.insert(leader.manager(), 0, 2_000, 10, "x".repeat(400));

            // Add node 4, started with the four-node list.
            group.newAddress("4");
            group.start("4", group.peers("1", "2", "3", "4"));
            leader = group.awaitLeader();
            leader.manager().raftNode().changeMembership(List.of(group.addresses.get("4")), List.of())
                    .get(60, TimeUnit.SECONDS);
            assertEquals(4, leader.manager().raftNode().members().size());
            Member four = group.members.get("4");
            eventually(() -> InProcessGroup.count(four) >= 2_000, "node 4 to catch up");

            // Adding it again is refused with a reason the SQL layer maps to a SQLSTATE.
            Member l = group.awaitLeader();
            ExecutionException again = assertThrows(ExecutionException.class, () -> l.manager().raftNode()
                    .changeMembership(List.of(group.addresses.get("4")), List.of()).get(10, TimeUnit.SECONDS));
            assertEquals(MembershipException.Reason.ALREADY_MEMBER, ((MembershipException) again.getCause()).reason());

            // Remove a follower.
            String removed = group.members.keySet().stream()
                    .filter(id -> !group.members.get(id).manager().isLeader() && !id.equals("4")).findFirst().orElseThrow();
            group.awaitLeader().manager().raftNode().changeMembership(List.of(), List.of(removed)).get(60, TimeUnit.SECONDS);
            group.stop(removed);
            assertEquals(3, group.awaitLeader().manager().raftNode().members().size());

            // Snapshot on the leader (purging its log), then wipe a follower and bring it back.
            leader = group.awaitLeader();
            // One row per transaction: enough log entries past Ratis's purge gap (1,024) that the
            // snapshot below really purges the log, so the wiped node must install the snapshot.
            InProcessGroup.insert(leader.manager(), 2_000, 3_000, 1, "y".repeat(400));
            Member current = leader;
            for (Member m : group.members.values()) {
                eventually(() -> m.manager().raftStatus().appliedIndex() >= current.manager().raftStatus().commitIndex() - 5,
                        "followers to catch up before the snapshot");
            }
            long snapshotIndex = leader.manager().takeSnapshot();
            assertTrue(snapshotIndex > 0);
            // Raft assumes a member keeps its log and vote: a wiped member rejoins as a new one
            // (removed, then added back), so the leader stages it and ships the snapshot.
            String wiped = group.members.keySet().stream()
                    .filter(id -> !group.members.get(id).manager().isLeader()).findFirst().orElseThrow();
            group.stop(wiped);
            group.wipe(wiped);
            group.awaitLeader().manager().raftNode().changeMembership(List.of(), List.of(wiped)).get(60, TimeUnit.SECONDS);
            leader = group.awaitLeader();
            InProcessGroup.insert(leader.manager(), 3_000, 3_100, 10, "z");
            if (leader.manager().raftStatus().snapshotIndex() < snapshotIndex) {
                // Leadership moved during the membership change (a loaded machine): the new leader
                // must have a snapshot (and a purged log) too, or there is nothing to install.
                leader.manager().takeSnapshot();
            }
            long purgedUpTo = leader.manager().raftStatus().snapshotIndex();
            assertTrue(purgedUpTo >= snapshotIndex, "leader snapshot index " + purgedUpTo);
            List<RaftPeerAddress> seed = leader.manager().raftNode().members();
            long started = System.nanoTime();
            List<RaftPeerAddress> withWiped = new java.util.ArrayList<>(seed);
            withWiped.add(group.addresses.get(wiped));
            Member back = group.start(wiped, withWiped);
            group.awaitLeader().manager().raftNode().changeMembership(List.of(group.addresses.get(wiped)), List.of())
                    .get(60, TimeUnit.SECONDS);
            eventually(() -> InProcessGroup.count(back) >= 3_100, "the wiped node to rejoin");
            System.out.printf("wiped node rejoined (snapshot at %d) in %d ms%n", snapshotIndex,
                    (System.nanoTime() - started) / 1_000_000);
            RaftStatus status = back.manager().raftStatus();
            assertTrue(status.snapshotIndex() >= snapshotIndex, "installed snapshot index " + status.snapshotIndex());

            stop.set(true);
            writer.join(30_000);
            Member finalLeader = group.awaitLeader();
            long target = finalLeader.manager().raftStatus().commitIndex();
            for (Member m : group.members.values()) {
                eventually(() -> m.manager().raftStatus().appliedIndex() >= target, "replicas to apply everything");
                for (long k : acknowledged) assertTrue(InProcessGroup.has(m, k), "acknowledged key " + k + " on node " + m.address().id());
            }
            assertTrue(acknowledged.size() > 10, "the writer made progress: " + acknowledged.size());

            // The read barrier: on the leader from its lease; on a follower it fetches the
            // leader's commit index and waits until it applied that far.
            finalLeader.manager().raftNode().readBarrier().get(10, TimeUnit.SECONDS);
            Member follower = group.members.values().stream().filter(m -> !m.manager().isLeader()).findFirst().orElseThrow();
            InProcessGroup.insert(finalLeader.manager(), 5_000, 5_001, 1, "last");
            long committed = finalLeader.manager().raftStatus().commitIndex();
            follower.manager().raftNode().readBarrier().get(10, TimeUnit.SECONDS);
            assertTrue(follower.manager().raftStatus().appliedIndex() >= committed);
            assertTrue(InProcessGroup.has(follower, 5_000));
        }
    }
}
