/**
 * The topic benchmark (perf/msg/topics.sh): msg.* topics on TableOS beside the same partitioned
 * log in plain SQL on PostgreSQL 15, publish and consume throughput and publish-to-receive latency.
 */
package io.tableos.perf.topics;
