package io.tableos.db.sql.exec.dml;

import io.tableos.db.sql.exec.Expr;

/** {@code column = value} of UPDATE SET or ON CONFLICT DO UPDATE SET; the value is cast to the column type. */
public record Assignment(int column, Expr value) {}
