/**
 * The typed Java client of the file system's procedures ({@link io.tableos.services.fs.client.FsClient}),
 * which decodes the errno convention into {@link io.tableos.services.fs.client.FsException} and
 * reconnects across failovers; {@link io.tableos.services.fs.client.FsClientPool} shares a few
 * among threads. The NIO provider and the FUSE mount build on them.
 */
package io.tableos.services.fs.client;
