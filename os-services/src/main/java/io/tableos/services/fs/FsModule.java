package io.tableos.services.fs;

import static io.tableos.db.sql.exec.ProcedureParameter.optional;
import static io.tableos.db.sql.exec.ProcedureParameter.required;

import io.tableos.db.service.Migration;
import io.tableos.db.service.ServiceModule;
import io.tableos.db.service.ServiceProcedures;
import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.sql.exec.ProcedureParameter;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The file system {@code fs}: inodes, directory entries and data blocks as rows (see
 * {@link FsSchema}), every operation one procedure call, so each is one atomic transaction on
 * the leader's commit path. Paths are absolute; errors follow {@link Errno}'s convention.
 * Calls by inode number ({@code pread}, {@code pwrite}, {@code ftruncate}) serve open handles,
 * which keep reaching their file across renames.
 */
public final class FsModule implements ServiceModule {
    private static final DataType TEXT = DataType.TEXT;
    private static final DataType INT4 = DataType.INT4;
    private static final DataType INT8 = DataType.INT8;
    private static final DataType BOOL = DataType.BOOL;
    private static final DataType BYTEA = DataType.BYTEA;
    private static final DataType TIME = DataType.TIMESTAMPTZ;
    /** Default modes of creat(2) and mkdir(2) under umask 022. */
    static final int FILE_MODE_DEFAULT = 0644;
    static final int DIRECTORY_MODE_DEFAULT = 0755;

    static final List<ResultColumn> STAT_COLUMNS = List.of(ResultColumn.of("ino", INT8), ResultColumn.of("kind", TEXT),
            ResultColumn.of("mode", INT4), ResultColumn.of("uid", INT4), ResultColumn.of("gid", INT4), ResultColumn.of("size", INT8),
            ResultColumn.of("nlink", INT4), ResultColumn.of("parent", INT8), ResultColumn.of("target", TEXT),
            ResultColumn.of("atime", TIME), ResultColumn.of("mtime", TIME), ResultColumn.of("ctime", TIME),
            ResultColumn.of("btime", TIME));

    @Override
    public String name() {
        return "fs";
    }

    @Override
    public List<Migration> migrations() {
        return FsSchema.MIGRATIONS;
    }

    @Override
    public void registerProcedures(ServiceProcedures p) {
        ProcedureParameter path = required("path", TEXT);
        ProcedureParameter uid = optional("uid", INT4, 0);
        ProcedureParameter gid = optional("gid", INT4, 0);

        p.registerReadOnly("stat", List.of(path, optional("follow", BOOL, true)), STAT_COLUMNS,
                call((c, a) -> List.<Object[]>of(new Resolver(c).resolve(text(a[0]), bool(a[1])).existing().statRow())));
        p.registerReadOnly("istat", List.of(required("ino", INT8)), STAT_COLUMNS,
                call((c, a) -> List.<Object[]>of(byIno(c, a[0]).statRow())));
        p.registerReadOnly("readlink", List.of(path), one("readlink", TEXT), call((c, a) -> {
            Inode link = new Resolver(c).resolve(text(a[0]), false).existing();
            if (!link.isSymlink()) throw Errno.EINVAL.error(text(a[0]));
            return row(link.target());
        }));
        p.registerReadOnly("readdir", List.of(path, optional("after", TEXT, null), optional("max", INT4, 1000)),
                List.of(ResultColumn.of("name", TEXT), ResultColumn.of("ino", INT8), ResultColumn.of("kind", TEXT)),
                call((c, a) -> readdir(c, text(a[0]), (String) a[1], integer(a[2]))));

        p.register("create", List.of(path, optional("mode", INT4, FILE_MODE_DEFAULT), uid, gid, optional("exclusive", BOOL, true)),
                one("create", INT8),
                call((c, a) -> row(new Namespace(c).create(text(a[0]), integer(a[1]), integer(a[2]), integer(a[3]), bool(a[4])))));
        p.register("mkdir", List.of(path, optional("mode", INT4, DIRECTORY_MODE_DEFAULT), uid, gid), one("mkdir", INT8),
                call((c, a) -> row(new Namespace(c).mkdir(text(a[0]), integer(a[1]), integer(a[2]), integer(a[3])))));
        p.register("mknod", List.of(path, required("kind", TEXT), optional("mode", INT4, FILE_MODE_DEFAULT), uid, gid),
                one("mknod", INT8),
                call((c, a) -> row(new Namespace(c).mknod(text(a[0]), text(a[1]), integer(a[2]), integer(a[3]), integer(a[4])))));
        p.register("symlink", List.of(required("target", TEXT), path, uid, gid), one("symlink", INT8),
                call((c, a) -> row(new Namespace(c).symlink(text(a[0]), text(a[1]), integer(a[2]), integer(a[3])))));
        p.register("link", List.of(required("existing", TEXT), path), one("link", INT8),
                call((c, a) -> row(new Namespace(c).link(text(a[0]), text(a[1])))));
        // unlink and rename return whether a removed file's data is all gone (false: fs.reclaim has more to do).
        p.register("unlink", List.of(path), one("unlink", BOOL), call((c, a) -> {
            Namespace names = new Namespace(c);
            names.unlink(text(a[0]));
            return row(names.dataFreed());
        }));
        p.register("reclaim", List.of(), one("reclaim", BOOL), call((c, a) -> row(new FileData(c).reclaim())));
        p.register("rmdir", List.of(path), one("rmdir", BOOL), call((c, a) -> {
            new Namespace(c).rmdir(text(a[0]));
            return row(true);
        }));
        p.register("rename", List.of(required("source", TEXT), required("target", TEXT), optional("no_replace", BOOL, false)),
                one("rename", BOOL), call((c, a) -> {
                    Namespace names = new Namespace(c);
                    names.rename(text(a[0]), text(a[1]), bool(a[2]));
                    return row(names.dataFreed());
                }));

        p.register("write", List.of(path, required("offset", INT8), required("data", BYTEA)), one("write", INT8),
                call((c, a) -> row(new FileData(c).write(existing(c, a[0]), text(a[0]), number(a[1]), bytes(a[2])))));
        p.registerReadOnly("read", List.of(path, optional("offset", INT8, 0L), optional("length", INT4, Limits.READ_BYTES_MAX)),
                one("read", BYTEA),
                call((c, a) -> row(new FileData(c).read(existing(c, a[0]), text(a[0]), number(a[1]), integer(a[2])))));
        // truncate and ftruncate return whether the file has the length asked (false: a large shrink goes on in the next call).
        p.register("truncate", List.of(path, required("length", INT8)), one("truncate", BOOL),
                call((c, a) -> row(new FileData(c).truncate(existing(c, a[0]), text(a[0]), number(a[1])))));
        // Small files from SQL: a whole file as UTF-8 text (at most one write's or read's bytes).
        p.register("write_text", List.of(path, required("content", TEXT), optional("mode", INT4, FILE_MODE_DEFAULT)),
                one("write_text", INT8), call((c, a) -> {
                    byte[] content = text(a[1]).getBytes(StandardCharsets.UTF_8);
                    long ino = new Namespace(c).create(text(a[0]), integer(a[2]), 0, 0, false);
                    FileData data = new FileData(c);
                    if (!data.truncate(c.inode(ino), text(a[0]), 0)) {
                        throw Errno.EFBIG.error(text(a[0]) + " (write_text replaces files of at most " + Limits.DELETE_BYTES_PER_CALL + " bytes)");
                    }
                    return row(data.write(c.inode(ino), text(a[0]), 0, content));
                }));
        p.registerReadOnly("read_text", List.of(path), one("read_text", TEXT), call((c, a) -> {
            Inode file = existing(c, a[0]);
            if (file.size() > Limits.READ_BYTES_MAX) throw Errno.EFBIG.error(text(a[0]) + " (read_text reads at most " + Limits.READ_BYTES_MAX + " bytes)");
            return row(new String(new FileData(c).read(file, text(a[0]), 0, (int) file.size()), StandardCharsets.UTF_8));
        }));
        p.register("pwrite", List.of(required("ino", INT8), required("offset", INT8), required("data", BYTEA)), one("pwrite", INT8),
                call((c, a) -> row(new FileData(c).write(byIno(c, a[0]), "inode " + a[0], number(a[1]), bytes(a[2])))));
        p.registerReadOnly("pread", List.of(required("ino", INT8), required("offset", INT8), required("length", INT4)), one("pread", BYTEA),
                call((c, a) -> row(new FileData(c).read(byIno(c, a[0]), "inode " + a[0], number(a[1]), integer(a[2])))));
        p.register("ftruncate", List.of(required("ino", INT8), required("length", INT8)), one("ftruncate", BOOL),
                call((c, a) -> row(new FileData(c).truncate(byIno(c, a[0]), "inode " + a[0], number(a[1])))));
        // Every acknowledged call is already committed on a majority: fsync only checks the file exists.
        p.registerReadOnly("fsync", List.of(path), one("fsync", BOOL), call((c, a) -> {
            existing(c, a[0]);
            return row(true);
        }));

        p.register("chmod", List.of(path, required("mode", INT4)), one("chmod", BOOL), call((c, a) -> {
            new Attributes(c).chmod(existing(c, a[0]), integer(a[1]));
            return row(true);
        }));
        p.register("chown", List.of(path, required("uid", INT4), required("gid", INT4), optional("follow", BOOL, true)),
                one("chown", BOOL), call((c, a) -> {
                    new Attributes(c).chown(new Resolver(c).resolve(text(a[0]), bool(a[3])).existing(), (Integer) a[1], (Integer) a[2]);
                    return row(true);
                }));
        p.register("utimens", List.of(path, optional("atime", TIME, null), optional("mtime", TIME, null), optional("follow", BOOL, true)),
                one("utimens", BOOL), call((c, a) -> {
                    new Attributes(c).utimens(new Resolver(c).resolve(text(a[0]), bool(a[3])).existing(),
                            (OffsetDateTime) a[1], (OffsetDateTime) a[2]);
                    return row(true);
                }));
        p.register("setxattr", List.of(path, required("name", TEXT), required("value", BYTEA)), one("setxattr", BOOL), call((c, a) -> {
            new Attributes(c).setXattr(existing(c, a[0]), text(a[0]), text(a[1]), bytes(a[2]));
            return row(true);
        }));
        p.registerReadOnly("getxattr", List.of(path, required("name", TEXT)), one("getxattr", BYTEA), call((c, a) -> {
            byte[] value = new Attributes(c).getXattr(existing(c, a[0]), text(a[1]));
            if (value == null) throw Errno.ENODATA.error(text(a[0]) + " " + a[1]);
            return row(value);
        }));
        p.registerReadOnly("listxattr", List.of(path), List.of(ResultColumn.of("name", TEXT)),
                call((c, a) -> new Attributes(c).listXattrs(existing(c, a[0]))));
        p.register("removexattr", List.of(path, required("name", TEXT)), one("removexattr", BOOL), call((c, a) -> {
            new Attributes(c).removeXattr(existing(c, a[0]), text(a[0]), text(a[1]));
            return row(true);
        }));

        p.registerReadOnly("statfs", List.of(), List.of(ResultColumn.of("block_size", INT4), ResultColumn.of("blocks", INT8),
                        ResultColumn.of("blocks_free", INT8), ResultColumn.of("files", INT8), ResultColumn.of("name_max", INT4),
                        ResultColumn.of("quota_bytes", INT8), ResultColumn.of("used_bytes", INT8)),
                call((c, a) -> List.<Object[]>of(new Attributes(c).statfs())));
        p.register("set_quota", List.of(required("bytes", INT8)), one("set_quota", BOOL), call((c, a) -> {
            new Attributes(c).setQuota(a[0] == null ? null : ((Number) a[0]).longValue());
            return row(true);
        }));
        p.register("set_block_size", List.of(required("bytes", INT4)), one("set_block_size", BOOL), call((c, a) -> {
            new Attributes(c).setBlockSize(integer(a[0]));
            return row(true);
        }));
    }

    private static List<Object[]> readdir(FsCall c, String path, String after, int max) {
        if (max < 1 || max > Limits.READDIR_ENTRIES_MAX) throw Errno.EINVAL.error("max must be 1 to " + Limits.READDIR_ENTRIES_MAX);
        Inode dir = new Resolver(c).existing(path);
        if (!dir.isDirectory()) throw Errno.ENOTDIR.error(path);
        return new ArrayList<>(after == null
                ? c.ctx.query("SELECT name, ino, kind FROM fs.entries WHERE parent = $1 ORDER BY name LIMIT $2", dir.ino(), max)
                : c.ctx.query("SELECT name, ino, kind FROM fs.entries WHERE parent = $1 AND name > $2 ORDER BY name LIMIT $3",
                        dir.ino(), after, max));
    }

    /** A body run with a fresh {@link FsCall} whose configuration changes are written when it returns. */
    private static io.tableos.db.sql.exec.ProcedureBody call(BiFunction<FsCall, Object[], List<Object[]>> body) {
        return (ProcedureContext ctx, Object[] args) -> {
            FsCall c = new FsCall(ctx);
            return c.finish(body.apply(c, args));
        };
    }

    private static Inode existing(FsCall c, Object path) {
        return new Resolver(c).existing(text(path));
    }

    private static Inode byIno(FsCall c, Object ino) {
        Inode inode = c.inode(number(ino));
        if (inode == null) throw Errno.ENOENT.error("inode " + ino);
        return inode;
    }

    private static List<ResultColumn> one(String name, DataType type) {
        return List.of(ResultColumn.of(name, type));
    }

    private static List<Object[]> row(Object value) {
        List<Object[]> rows = new ArrayList<>(1);
        rows.add(new Object[] {value});
        return rows;
    }

    private static String text(Object value) {
        if (value == null) throw Errno.EINVAL.error("a path or name must not be null");
        return (String) value;
    }

    private static byte[] bytes(Object value) {
        if (value == null) throw Errno.EINVAL.error("data must not be null");
        return (byte[]) value;
    }

    private static boolean bool(Object value) {
        return value != null && (Boolean) value;
    }

    private static int integer(Object value) {
        if (value == null) throw Errno.EINVAL.error("an integer argument must not be null");
        return ((Number) value).intValue();
    }

    private static long number(Object value) {
        if (value == null) throw Errno.EINVAL.error("an integer argument must not be null");
        return ((Number) value).longValue();
    }
}
