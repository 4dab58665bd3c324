package io.tableos.db.wire.pgwire;

import io.netty.channel.MultithreadEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    /**
     * Epoll where it loads. On Linux a failure to load it is unexpected (in the VM image it
     * once failed silently for want of libdl.so.2), so it is logged, unless NIO was asked for.
     */
    static NettyTransport choose() {
        if (Epoll.isAvailable()) return EPOLL;
        if ("Linux".equals(System.getProperty("os.name")) && !Boolean.getBoolean("io.netty.transport.noNative")) {
            Logger log = LoggerFactory.getLogger(NettyTransport.class);
            log.warn("event=epoll_unavailable fallback=nio cause=\"{}\"", Epoll.unavailabilityCause().toString());
        }
        return NIO;
    }

    MultithreadEventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return this == EPOLL ? new EpollEventLoopGroup(threads, threadFactory) : new NioEventLoopGroup(threads, threadFactory);
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
