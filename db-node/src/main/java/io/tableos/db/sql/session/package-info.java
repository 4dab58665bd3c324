/**
 * The boundary between the wire protocol and the SQL engine: sessions, prepared statements
 * and results, in protocol-neutral terms. The wire layer depends on this package only.
 */
package io.tableos.db.sql.session;
