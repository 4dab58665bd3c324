package io.tableos.db.sql.parse;

/** One parsed statement: a JSqlParser tree for queries and DML/DDL, or one of our utility statements. */
public sealed interface ParsedStatement permits JsqlStatement, UtilityStatement {}
