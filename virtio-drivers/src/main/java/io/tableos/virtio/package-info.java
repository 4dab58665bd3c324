/**
 * The node's device layer: what the database node needs to know about the machine it runs on.
 * In a TableOS VM the JVM is the only process (the initramfs init {@code exec}s it), so this
 * package reads the kernel's own view — {@code /proc/cmdline} for the {@code tableos.*}
 * configuration, {@code /sys/block} and {@code /sys/class/net} for the virtio disks and NICs,
 * {@code /proc/mounts} for where init mounted the data disk — and powers the VM off through
 * {@code /proc/sysrq-trigger}. On a plain host the same {@link io.tableos.virtio.DeviceLayer}
 * is backed by a directory and the loopback address, so the node code never branches on where
 * it runs. {@link io.tableos.virtio.DeviceReport} is a tiny stand-in node used to test VM images.
 */
package io.tableos.virtio;
