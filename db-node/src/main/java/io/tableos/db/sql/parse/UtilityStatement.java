package io.tableos.db.sql.parse;

import java.util.List;

/**
 * Transaction-control and utility statements, parsed by our own {@link UtilityParser}
 * because JSqlParser cannot parse them or the wire layer needs them in a fixed form. Names
 * are folded to lower case unless they were double-quoted. Isolation levels are lower-case
 * words: "serializable", "repeatable read", "read committed", "read uncommitted".
 */
public sealed interface UtilityStatement extends ParsedStatement {

    /** BEGIN / START TRANSACTION; null fields were not specified. */
    record Begin(String isolation, Boolean readOnly, Boolean deferrable) implements UtilityStatement {}

    /** COMMIT / END [AND CHAIN]. */
    record Commit(boolean chain) implements UtilityStatement {}

    /** ROLLBACK / ABORT [AND CHAIN]. */
    record Rollback(boolean chain) implements UtilityStatement {}

    record Savepoint(String name) implements UtilityStatement {}

    record RollbackToSavepoint(String name) implements UtilityStatement {}

    record ReleaseSavepoint(String name) implements UtilityStatement {}

    /** SET TRANSACTION ...; null fields were not specified. */
    record SetTransaction(String isolation, Boolean readOnly) implements UtilityStatement {}

    /** SET SESSION CHARACTERISTICS AS TRANSACTION ...; null fields were not specified. */
    record SetSessionCharacteristics(String isolation, Boolean readOnly) implements UtilityStatement {}

    /**
     * SET [SESSION|LOCAL] name {TO|=} value[, ...]. SET TIME ZONE x has name "timezone",
     * SET NAMES x "client_encoding", SET SESSION AUTHORIZATION x "session_authorization".
     * An empty {@code values} list means DEFAULT (i.e. reset). Values are the literal texts
     * (quotes removed); an unquoted identifier is folded to lower case.
     */
    record Set(String name, List<String> values, boolean local) implements UtilityStatement {}

    /** RESET name; name "all" for RESET ALL. */
    record Reset(String name) implements UtilityStatement {}

    /** SHOW name; "all" for SHOW ALL; SHOW TRANSACTION ISOLATION LEVEL is "transaction_isolation", SHOW TIME ZONE "timezone". */
    record Show(String name) implements UtilityStatement {}

    record Listen(String channel) implements UtilityStatement {}

    /** UNLISTEN channel; "*" for all channels. */
    record Unlisten(String channel) implements UtilityStatement {}

    /** NOTIFY channel [, 'payload']; payload null when absent. */
    record Notify(String channel, String payload) implements UtilityStatement {}

    /** PREPARE name [(type, ...)] AS statement: types as written (parse with Casts.parseTypeName). */
    record Prepare(String name, List<String> parameterTypes, String statementText) implements UtilityStatement {}

    /** EXECUTE name [(expr, ...)]: {@code parameterTexts} are the argument expressions' source texts. */
    record Execute(String name, List<String> parameterTexts) implements UtilityStatement {}

    /** DEALLOCATE [PREPARE] name; name null for DEALLOCATE ALL. */
    record Deallocate(String name) implements UtilityStatement {}

    /** DISCARD ALL (other DISCARD forms are treated alike). */
    record DiscardAll() implements UtilityStatement {}

    /** VACUUM ...: accepted and ignored. */
    record Vacuum() implements UtilityStatement {}

    /** ANALYZE [table, ...]: each table as [schema, name] or [name]; empty = every table. */
    record Analyze(List<List<String>> tables) implements UtilityStatement {}

    /** CHECKPOINT: accepted and ignored. */
    record Checkpoint() implements UtilityStatement {}

    /**
     * COPY table [(columns)] FROM STDIN | TO STDOUT, or COPY (query) TO STDOUT, with options
     * in either the modern {@code WITH (FORMAT csv, HEADER, ...)} or the legacy
     * {@code WITH CSV HEADER ...} syntax. {@code table} is null for the query form.
     * {@code format} is "text", "csv" or "binary". Null options take the format's default
     * (delimiter tab/comma, null "\N"/"", quote and escape '"').
     */
    record Copy(String table, List<String> columns, boolean fromStdin, boolean toStdout, String queryText,
                String format, boolean header, String delimiter, String nullString, String quote, String escape)
            implements UtilityStatement {}

    /** TRUNCATE [TABLE] t[, ...] [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]. */
    record Truncate(List<String> tables, boolean restartIdentity, boolean cascade) implements UtilityStatement {}

    /** GRANT ... TO roles or REVOKE ... FROM roles; {@code command} is GRANT or REVOKE. */
    record Privileges(String command, List<String> roles) implements UtilityStatement {}

    /** CREATE EXTENSION [IF NOT EXISTS] name (options ignored). */
    record CreateExtension(String name, boolean ifNotExists) implements UtilityStatement {}

    /** CREATE DATABASE name (options such as OWNER, TEMPLATE, ENCODING accepted and ignored). */
    record CreateDatabase(String name) implements UtilityStatement {}

    /** DROP DATABASE [IF EXISTS] name [[WITH] (FORCE)]. */
    record DropDatabase(String name, boolean ifExists, boolean force) implements UtilityStatement {}

    /** EXPLAIN [(options)] | [ANALYZE] [VERBOSE] statement; options lower-cased, e.g. "analyze", "format json". */
    record Explain(String statementText, List<String> options) implements UtilityStatement {}
}
