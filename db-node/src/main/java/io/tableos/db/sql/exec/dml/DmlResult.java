package io.tableos.db.sql.exec.dml;

import java.util.List;

/** Rows affected and the RETURNING rows (empty without RETURNING). */
public record DmlResult(long count, List<Object[]> returned) {}
