/**
 * The FUSE mount of the file system service: {@link io.tableos.services.fs.fuse.TableosFuse}
 * answers the kernel's callbacks with fs procedure calls; {@link io.tableos.services.fs.fuse.MountMain}
 * is the process {@code tableos-cluster mount} runs. Needs libfuse2 on the host (Debian: fuse libfuse2).
 */
package io.tableos.services.fs.fuse;
