/**
 * The typed Java client of the file system's procedures ({@link io.tableos.services.fs.client.FsClient}),
 * which decodes the errno convention into {@link io.tableos.services.fs.client.FsException} and
 * reconnects across failovers. The NIO provider and the FUSE mount build on it.
 */
package io.tableos.services.fs.client;
