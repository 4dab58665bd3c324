package io.tableos.services.msg.client;

import java.time.OffsetDateTime;

/** One fetched message; {@code generation} is the group generation its commit must carry. */
public record Message(int partition, long offset, String key, String payload, String headers, OffsetDateTime publishedAt,
                      long generation) {}
