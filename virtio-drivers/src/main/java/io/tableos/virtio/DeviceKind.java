package io.tableos.virtio;

/** What a device is to the node: somewhere to keep data, or a way to reach peers and clients. */
public enum DeviceKind {
    BLOCK,
    NET
}
