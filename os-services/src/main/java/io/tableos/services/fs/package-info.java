/**
 * The file system service {@code fs}: inodes, directory entries, data blocks, symlinks and
 * extended attributes as rows, POSIX operations as procedures (each one atomic transaction on
 * the leader's commit path), a view {@code fs.files} of every path for SQL over the metadata.
 * Errors carry errno names ({@link io.tableos.services.fs.Errno}). Clients: {@code fs.client}
 * (typed JDBC calls) and {@code fs.nio} (a {@link java.nio.file.spi.FileSystemProvider} for
 * {@code tableos:} URIs).
 */
package io.tableos.services.fs;
