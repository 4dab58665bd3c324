/**
 * Type codecs of the PostgreSQL wire protocol: one small class per binary format
 * (bool, integers, floats, numeric, text, bytea, date/time, interval, uuid, jsonb, arrays),
 * looked up by {@link io.tableos.db.wire.pgwire.codec.BinaryCodecs}. Text format goes
 * through the engine's text formatting. Values use the Java representation documented on
 * {@link io.tableos.db.types.SqlType}; a malformed binary value is SQLSTATE 22P03.
 */
package io.tableos.db.wire.pgwire.codec;
