/**
 * The SQL front end: a PostgreSQL-aware statement splitter, lexical normalisations, a
 * hand-written parser for transaction-control and utility statements, and JSqlParser for
 * the rest. Where JSqlParser's grammar is not PostgreSQL's, the front end bridges: a statement
 * JSqlParser rejects is parsed again with the words it reserves but PostgreSQL does not quoted
 * where they name things (KeywordQuoting), JSqlParser's catch-all "unsupported statement" for
 * malformed text becomes 42601 (MalformedStatements), DROP INDEX CONCURRENTLY loses the word,
 * MERGE's DO NOTHING and INSERT DEFAULT VALUES are rewritten and marked (MergeGrammar).
 * The only caller of JSqlParser's parser (the planner re-reads stored view queries and index
 * predicates, which JSqlParser itself printed).
 */
package io.tableos.db.sql.parse;
