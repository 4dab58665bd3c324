package io.tableos.services.fs.posix;

import java.util.Map;

/** Linux's errno names by number (x86_64), for the errors the POSIX cases can meet. */
final class Errnos {
    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"),
            Map.entry(5, "EIO"), Map.entry(9, "EBADF"), Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"),
            Map.entry(17, "EEXIST"), Map.entry(18, "EXDEV"), Map.entry(20, "ENOTDIR"), Map.entry(21, "EISDIR"),
            Map.entry(22, "EINVAL"), Map.entry(26, "ETXTBSY"), Map.entry(27, "EFBIG"), Map.entry(28, "ENOSPC"),
            Map.entry(30, "EROFS"), Map.entry(31, "EMLINK"), Map.entry(34, "ERANGE"), Map.entry(36, "ENAMETOOLONG"),
            Map.entry(38, "ENOSYS"), Map.entry(39, "ENOTEMPTY"), Map.entry(40, "ELOOP"), Map.entry(61, "ENODATA"),
            Map.entry(95, "EOPNOTSUPP"));

    private Errnos() {}

    static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno" + errno);
    }
}
