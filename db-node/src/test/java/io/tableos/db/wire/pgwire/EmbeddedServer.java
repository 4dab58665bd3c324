package io.tableos.db.wire.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tableos.db.wire.pgwire.auth.UserDirectory;
import java.util.List;
import java.util.Map;

/**
 * The server pipeline on an EmbeddedChannel with a same-thread worker executor, so a test
 * drives it message by message and reads every answer synchronously.
 */
final class EmbeddedServer {
    final FakeSqlEngine engine = new FakeSqlEngine();
    final ServerContext context;
    final EmbeddedChannel channel;

    EmbeddedServer(PgServerConfig config, UserDirectory users) {
        context = new ServerContext(engine, users, config, Runnable::run, null);
        channel = new EmbeddedChannel(new FrameDecoder(config.maxMessageBytes()), new StartupHandler(context));
    }

    static EmbeddedServer trusting() {
        return new EmbeddedServer(PgServerConfig.defaults().withAuthMode(PgServerConfig.AuthMode.TRUST), UserDirectory.empty());
    }

    /** Writes the buffers, runs pending event-loop tasks, returns what the server answered. */
    List<WireMessages.Message> send(ByteBuf... buffers) {
        for (ByteBuf b : buffers) channel.writeInbound(b);
        channel.runPendingTasks();
        return WireMessages.read(channel);
    }

    /** Startup with trust authentication; returns the messages up to ReadyForQuery. */
    List<WireMessages.Message> login() {
        return send(WireMessages.startup(Map.of("user", "tester", "database", "db")));
    }
}
