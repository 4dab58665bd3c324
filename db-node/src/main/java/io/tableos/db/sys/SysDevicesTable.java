package io.tableos.db.sys;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.types.DataType;
import io.tableos.virtio.DeviceInfo;
import io.tableos.virtio.DeviceLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code sys.devices}: the node's disks and network interfaces as the device layer sees them
 * now (virtio devices in a VM; the data directory and loopback on a host). Counters are read
 * from sysfs on every scan, so two scans show the traffic in between.
 * Columns: kind ('block'|'net'), name, driver, mac (NULL for disks), capacity_bytes (NULL for
 * NICs), bytes_in (read / received), bytes_out (written / transmitted), in_vm.
 */
public final class SysDevicesTable implements SystemTable {
    private static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("kind", DataType.TEXT, true, null),
            new ColumnDef("name", DataType.TEXT, true, null),
            new ColumnDef("driver", DataType.TEXT, true, null),
            new ColumnDef("mac", DataType.TEXT, false, null),
            new ColumnDef("capacity_bytes", DataType.INT8, false, null),
            new ColumnDef("bytes_in", DataType.INT8, true, null),
            new ColumnDef("bytes_out", DataType.INT8, true, null),
            new ColumnDef("in_vm", DataType.BOOL, true, null));

    private final DeviceLayer devices;

    private SysDevicesTable(DeviceLayer devices) {
        this.devices = devices;
    }

    public static void register(SystemTables registry, DeviceLayer devices) {
        registry.register(new SysDevicesTable(devices));
    }

    @Override public String schema() { return "sys"; }

    @Override public String name() { return "devices"; }

    @Override public List<ColumnDef> columns() { return COLUMNS; }

    @Override
    public Iterable<Object[]> rows(Context context) {
        boolean inVm = devices.runningInVm();
        List<Object[]> rows = new ArrayList<>();
        for (DeviceInfo device : devices.devices()) {
            rows.add(new Object[] {
                    device.kind().name().toLowerCase(Locale.ROOT),
                    device.name(),
                    device.driver(),
                    device.macAddress(),
                    device.capacityBytes() < 0 ? null : device.capacityBytes(),
                    device.bytesIn(),
                    device.bytesOut(),
                    inVm});
        }
        return rows;
    }
}
