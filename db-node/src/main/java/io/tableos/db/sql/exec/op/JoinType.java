package io.tableos.db.sql.exec.op;

/** Join types the operators implement; the planner turns RIGHT joins into LEFT joins. */
public enum JoinType { INNER, LEFT, FULL }
