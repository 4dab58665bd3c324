package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.Expr;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;
import java.util.List;

/**
 * One aggregate call: its function, argument expressions over the input row, DISTINCT,
 * an ORDER BY for string_agg/array_agg/json_agg/jsonb_agg, and a FILTER condition.
 */
public record AggregateSpec(Kind kind, List<Expr> args, boolean distinct, List<SortKey> orderBy, Expr filter, DataType type) {

    public enum Kind { COUNT_STAR, COUNT, SUM, AVG, MIN, MAX, STRING_AGG, ARRAY_AGG, BOOL_AND, BOOL_OR, JSON_AGG, JSONB_AGG }

    public static Kind kindOf(String lowerName) {
        return switch (lowerName) {
            case "count" -> Kind.COUNT;
            case "sum" -> Kind.SUM;
            case "avg" -> Kind.AVG;
            case "min" -> Kind.MIN;
            case "max" -> Kind.MAX;
            case "string_agg" -> Kind.STRING_AGG;
            case "array_agg" -> Kind.ARRAY_AGG;
            case "bool_and", "every" -> Kind.BOOL_AND;
            case "bool_or" -> Kind.BOOL_OR;
            case "json_agg" -> Kind.JSON_AGG;
            case "jsonb_agg" -> Kind.JSONB_AGG;
            default -> null;
        };
    }

    /** PostgreSQL's result type of the aggregate over an argument of type {@code arg}. */
    public static DataType resultType(Kind kind, DataType arg) {
        return switch (kind) {
            case COUNT_STAR, COUNT -> DataType.INT8;
            case SUM -> switch (arg.type()) {
                case INT2, INT4 -> DataType.INT8;
                case INT8, NUMERIC -> DataType.NUMERIC;
                case FLOAT4 -> DataType.FLOAT4;
                case FLOAT8 -> DataType.FLOAT8;
                case INTERVAL -> DataType.INTERVAL;
                default -> DataType.NUMERIC;
            };
            case AVG -> arg.type() == SqlType.FLOAT4 || arg.type() == SqlType.FLOAT8 ? DataType.FLOAT8 : DataType.NUMERIC;
            case MIN, MAX -> arg;
            case STRING_AGG -> DataType.TEXT;
            case ARRAY_AGG -> DataType.arrayOf(arg.type() == SqlType.UNKNOWN ? SqlType.TEXT : arg.type());
            case BOOL_AND, BOOL_OR -> DataType.BOOL;
            case JSON_AGG -> DataType.JSON;
            case JSONB_AGG -> DataType.JSONB;
        };
    }
}
