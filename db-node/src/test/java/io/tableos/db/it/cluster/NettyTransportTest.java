package io.tableos.db.it.cluster;

import static io.tableos.db.it.cluster.InProcessGroup.eventually;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.it.cluster.InProcessGroup.Member;
import io.tableos.db.replication.RaftPeerAddress;
import io.tableos.db.replication.RaftTransport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The selectable NETTY transport ({@code tableos.raftrpc=netty}) replicates; a follower's read
 * barrier, which it cannot take there (no asynchronous server protocol), fails cleanly
 * instead of throwing, and the follower's reads catch up by applying.
 */
class NettyTransportTest {
    @TempDir
    Path dir;

    @Test
    void replicatesAndRefusesFollowerReadBarrierCleanly() throws Exception {
        try (InProcessGroup group = new InProcessGroup(dir, 1 << 20, RaftTransport.NETTY)) {
            for (String id : List.of("1", "2", "3")) group.newAddress(id);
            List<RaftPeerAddress> three = group.peers("1", "2", "3");
            for (String id : List.of("1", "2", "3")) group.start(id, three);
            group.createTable();
            Member leader = group.awaitLeader();
            InProcessGroup.insert(leader.manager(), 1, 101, 10, "netty");
            long committed = leader.manager().raftStatus().commitIndex();
            Member follower = group.members.values().stream().filter(m -> !m.manager().isLeader()).findFirst().orElseThrow();
            assertThrows(ExecutionException.class, () -> follower.manager().raftNode().readBarrier().get(30, TimeUnit.SECONDS));
            leader.manager().raftNode().readBarrier().get(30, TimeUnit.SECONDS);
            for (Member m : group.members.values()) {
                eventually(() -> m.manager().raftStatus().appliedIndex() >= committed, "every replica to apply");
            }
            for (long k = 1; k < 101; k++) assertTrue(InProcessGroup.has(follower, k), "key " + k + " on the follower");
        }
    }
}
