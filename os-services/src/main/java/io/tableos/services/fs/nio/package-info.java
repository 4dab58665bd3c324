/**
 * Java NIO over the file system service: a {@link java.nio.file.spi.FileSystemProvider} for
 * {@code tableos://NAME/} URIs, so {@code Files.write/readAllBytes/walk/move/delete}, channels,
 * directory streams and attribute views work on a cluster's files. Every operation is one or
 * two calls of the {@code fs} procedures through a small connection pool; errno names become
 * NIO's exceptions (ENOENT → NoSuchFileException, EEXIST → FileAlreadyExistsException, ...).
 */
package io.tableos.services.fs.nio;
