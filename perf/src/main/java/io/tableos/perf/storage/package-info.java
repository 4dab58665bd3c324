/**
 * JMH benchmarks of the storage layer (key and row codecs, table store get/put/scan) and
 * {@link io.tableos.perf.storage.MemoryPerRow}, which measures bytes per row on and off heap.
 * Run with the Chronicle JVM flags (root pom property {@code tableos.jvm.opens}).
 */
package io.tableos.perf.storage;
