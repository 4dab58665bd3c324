/**
 * COPY: PostgreSQL's text and CSV row formats, parsed from a stream split anywhere
 * ({@link io.tableos.db.sql.exec.copy.CopyRowParser}), written back
 * ({@link io.tableos.db.sql.exec.copy.CopyRowFormatter}), and the COPY FROM STDIN writer that
 * inserts rows into the transaction as they are parsed ({@link io.tableos.db.sql.exec.copy.CopyInWriter}).
 */
package io.tableos.db.sql.exec.copy;
