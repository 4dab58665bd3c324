package io.tableos.perf.fs;

/** The metadata operations mdtest times, on one system, by absolute path ('/'-separated, under the system's root). */
interface MetadataOps extends AutoCloseable {
    void mkdir(String path) throws Exception;

    void create(String path) throws Exception;

    void stat(String path) throws Exception;

    /** The number of entries in the directory. */
    int list(String path) throws Exception;

    void rename(String from, String to) throws Exception;

    void unlink(String path) throws Exception;
}
