/**
 * The Java client of {@code msg.*}: {@link io.tableos.services.msg.client.Producer} publishes,
 * {@link io.tableos.services.msg.client.Consumer} runs a group member (long-poll fetch, a handler
 * inside a transaction that also commits the offsets, heartbeats), and
 * {@link io.tableos.services.msg.client.GroupCalls} is the typed call layer under it.
 */
package io.tableos.services.msg.client;
