package io.tableos.db.wire.pgwire;

import io.netty.channel.MultithreadEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The socket layer under the pgwire server: Netty's native epoll transport where it loads
 * (Linux on x86-64, a writable temp directory for its library), Java NIO otherwise.
 *
 * <p>Why epoll: a TPC-B transaction is seven client round trips, and with sessions on their
 * own loops the node spends more CPU in the kernel than in Java (vmstat: ~55% system time
 * at 6K TPS on 2 cores). The native transport saves the NIO selector's extra system calls
 * and garbage per wake-up. Netty's own {@code -Dio.netty.transport.noNative=true} makes epoll
 * unavailable, and so forces NIO (for comparison, or should the native library misbehave).
 */
enum NettyTransport {
    EPOLL, NIO;

    static NettyTransport choose() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    MultithreadEventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return this == EPOLL ? new EpollEventLoopGroup(threads, threadFactory) : new NioEventLoopGroup(threads, threadFactory);
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
