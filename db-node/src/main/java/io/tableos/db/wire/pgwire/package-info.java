/**
 * The PostgreSQL v3 wire protocol on Netty: frame decoder, startup and authentication,
 * session handler, message encoder, type codecs. The only user of Netty.
 */
package io.tableos.db.wire.pgwire;
