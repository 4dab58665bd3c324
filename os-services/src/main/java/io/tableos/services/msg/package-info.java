/**
 * Topics with consumer groups ({@code msg.*}): partitioned, append-only logs with dense offsets
 * per partition, retention by age and size, consumer groups whose live members share a topic's
 * partitions (a member that stops heartbeating loses them after its session timeout; a
 * generation fences its late commits), and fetch as a long-poll woken on commit. Offsets, a
 * consumer's own writes and the messages it publishes commit in one client transaction for
 * exactly-once processing. {@link io.tableos.services.msg.client} is the Java client.
 */
package io.tableos.services.msg;
