/**
 * Client authentication for the PostgreSQL wire protocol: SCRAM-SHA-256 verifiers
 * (RFC 5802 / RFC 7677 as PostgreSQL stores them), the server side of the SCRAM
 * conversation, and the {@link io.tableos.db.wire.pgwire.auth.UserDirectory} the system
 * layer implements to provide users. Pure Java (javax.crypto); no Netty, no secrets logged.
 */
package io.tableos.db.wire.pgwire.auth;
