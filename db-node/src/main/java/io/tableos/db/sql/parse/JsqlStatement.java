package io.tableos.db.sql.parse;

import java.util.List;
import net.sf.jsqlparser.statement.Statement;

/**
 * A statement JSqlParser parsed, after our lexical normalisations ({@code normalizedText}).
 *
 * <p>Where JSqlParser's tree means something else than PostgreSQL, the executor must read it
 * the PostgreSQL way: a {@code BitwiseXor} node is {@code ^}, i.e. exponentiation
 * (PostgreSQL has no xor operator spelled ^); {@code x = ANY(expr)} with a non-subquery
 * operand arrives as an EqualsTo whose right side is a Function named "ANY" (likewise
 * ALL) — it means "equal to some element of the array"; the subquery form arrives as
 * AnyComparisonExpression. E'' and U&amp;'' literals are already decoded into plain
 * StringValues, OPERATOR(pg_catalog.x) is plain x, COLLATE pg_catalog.default is gone.
 * Long literals of DML were taken out before parsing ({@link LongLiterals}): a StringValue's
 * text is {@code LongLiterals.resolve(value, longLiterals)}.
 *
 * <p>{@code call}: the statement was {@code CALL p(args)}, parsed as {@code SELECT * FROM p(args)}; the planner makes it a
 * procedure call.
 */
public record JsqlStatement(Statement statement, String normalizedText, List<String> longLiterals, boolean call) implements ParsedStatement {
    public JsqlStatement(Statement statement, String normalizedText, List<String> longLiterals) {
        this(statement, normalizedText, longLiterals, false);
    }
}
