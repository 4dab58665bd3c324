package io.tableos.db.sql.plan;

import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.session.ResultColumn;
import java.util.List;

/** A planned row-producing query: its operator tree and result columns. */
public record PlannedQuery(PlanNode node, List<ResultColumn> columns) {}
