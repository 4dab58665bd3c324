/**
 * The SQL front end: a PostgreSQL-aware statement splitter, lexical normalisations, a
 * hand-written parser for transaction-control and utility statements, and JSqlParser for
 * the rest. The only user of JSqlParser.
 */
package io.tableos.db.sql.parse;
