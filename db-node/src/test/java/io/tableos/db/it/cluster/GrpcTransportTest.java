package io.tableos.db.it.cluster;

import static io.tableos.db.it.cluster.InProcessGroup.eventually;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.it.cluster.InProcessGroup.Member;
import io.tableos.db.replication.RaftPeerAddress;
import io.tableos.db.replication.RaftTransport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The selectable GRPC transport ({@code tableos.raftrpc=grpc}) still replicates, and there a
 * follower's read barrier works: it asks the leader for its read index and waits to apply it.
 */
class GrpcTransportTest {
    @TempDir
    Path dir;

    @Test
    void replicatesAndServesFollowerReadBarrier() throws Exception {
        try (InProcessGroup group = new InProcessGroup(dir, 1 << 20, RaftTransport.GRPC)) {
            for (String id : List.of("1", "2", "3")) group.newAddress(id);
            List<RaftPeerAddress> three = group.peers("1", "2", "3");
            for (String id : List.of("1", "2", "3")) group.start(id, three);
            group.createTable();
            Member leader = group.awaitLeader();
            InProcessGroup.insert(leader.manager(), 1, 101, 10, "grpc");
            long committed = leader.manager().raftStatus().commitIndex();
            Member follower = group.members.values().stream().filter(m -> !m.manager().isLeader()).findFirst().orElseThrow();
            follower.manager().raftNode().readBarrier().get(30, TimeUnit.SECONDS);
            assertTrue(follower.manager().raftStatus().appliedIndex() >= committed, "barrier waited for the leader's commit index");
            for (long k = 1; k < 101; k++) assertTrue(InProcessGroup.has(follower, k), "key " + k + " on the follower");
            for (Member m : group.members.values()) {
                eventually(() -> m.manager().raftStatus().appliedIndex() >= committed, "every replica to apply");
            }
        }
    }
}
