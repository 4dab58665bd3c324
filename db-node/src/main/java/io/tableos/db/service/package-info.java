/**
 * The OS service platform: how a module outside db-node (found with {@link java.util.ServiceLoader}
 * on the node's classpath) contributes its schema, migrated once per version and replicated as
 * ordinary DDL, and its procedures, which run whole on the leader's commit path and are callable
 * from SQL (inside a client's BEGIN ... COMMIT a procedure runs as part of that transaction, so
 * a service call commits atomically with the application's writes). {@link io.tableos.db.service.ServiceHost} loads the modules at node start; db-node
 * knows none by name. Sits above {@code sql} (it runs migrations through an internal session and
 * registers with the procedure registry); {@code sys} wires it in.
 */
package io.tableos.db.service;
