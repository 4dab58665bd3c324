package io.tableos.db.sql.func;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a function name and argument types to a {@link ScalarFunction}. Each name maps to
 * a resolver that checks the arity, picks the result type from the argument types (abs of
 * an integer is an integer, greatest of int and numeric is numeric) and returns a body.
 * Lookups happen at planning time; the returned function is then called per row.
 *
 * <p>Not here, because they need lazy evaluation or rows: coalesce, nullif, CASE, aggregates,
 * set-returning functions (unnest, generate_series). The executor rewrites EXTRACT(f FROM x)
 * to date_part('f', x), TRIM(BOTH/LEADING/TRAILING c FROM s) to btrim/ltrim/rtrim(s, c),
 * POSITION(sub IN s) to position(s, sub), SUBSTRING(s FROM a FOR b) to substring(s, a, b).
 */
public final class FunctionRegistry {
    private FunctionRegistry() {}

    /** Picks the body and result type for given argument types, or returns null when they do not fit. */
    @FunctionalInterface
    interface Resolver {
        ScalarFunction resolve(List<DataType> argTypes);
    }

    private static final Map<String, Resolver> RESOLVERS = new HashMap<>();

    static {
        StringFunctions.register(RESOLVERS);
        MathFunctions.register(RESOLVERS);
        DateTimeFunctions.register(RESOLVERS);
        SystemFunctions.register(RESOLVERS);
        AdvisoryLockFunctions.register(RESOLVERS);
        JsonFunctions.register(RESOLVERS);
        ArrayFunctions.register(RESOLVERS);
    }

    /** 42883 {@code function foo(integer) does not exist} when no resolver accepts the arguments. */
    public static ScalarFunction lookup(String lowerCaseName, List<DataType> argTypes) {
        String name = lowerCaseName.startsWith("pg_catalog.") ? lowerCaseName.substring("pg_catalog.".length()) : lowerCaseName;
        Resolver r = RESOLVERS.get(name);
        ScalarFunction f = r == null ? null : r.resolve(argTypes);
        if (f == null) throw undefined(name, argTypes);
        return f;
    }

    /**
     * Adds a function defined outside this package (the catalog functions of
     * {@link CatalogFunctionBindings}) with a fixed arity range; a name already registered
     * keeps its definition. Call at node start, before sessions plan statements.
     */
    public static synchronized boolean registerIfAbsent(String lowerCaseName, int minArgs, int maxArgs, ScalarFunction f) {
        return RESOLVERS.putIfAbsent(lowerCaseName, types -> types.size() >= minArgs && types.size() <= maxArgs ? f : null) == null;
    }

    /** Whether any overload of the name exists (the planner uses it to tell functions from aggregates). */
    public static boolean exists(String lowerCaseName) {
        String name = lowerCaseName.startsWith("pg_catalog.") ? lowerCaseName.substring("pg_catalog.".length()) : lowerCaseName;
        return RESOLVERS.containsKey(name);
    }

    static DbException undefined(String name, List<DataType> argTypes) {
        StringBuilder s = new StringBuilder("function ").append(name).append('(');
        for (int i = 0; i < argTypes.size(); i++) {
            if (i > 0) s.append(", ");
            DataType t = argTypes.get(i);
            s.append(t.type() == SqlType.ARRAY ? t.element().sqlName() + "[]" : t.type().sqlName());
        }
        s.append(") does not exist");
        return new DbException(SqlState.UNDEFINED_FUNCTION, s.toString(), null,
                "No function matches the given name and argument types. You might need to add explicit type casts.", 0, null);
    }

    /** A function whose body ignores nulls itself or returns null on any null argument (strict). */
    record Simple(DataType returnType, boolean volatileResult, boolean strict, Body body) implements ScalarFunction {
        @Override
        public Object call(Object[] args, FunctionContext ctx) {
            if (strict) {
                for (Object a : args) if (a == null) return null;
            }
            return body.apply(args, ctx);
        }
    }

    @FunctionalInterface
    interface Body {
        Object apply(Object[] args, FunctionContext ctx);
    }

    static ScalarFunction strict(DataType returnType, Body body) {
        return new Simple(returnType, false, true, body);
    }

    static ScalarFunction lenient(DataType returnType, Body body) {
        return new Simple(returnType, false, false, body);
    }

    static ScalarFunction volatileFunction(DataType returnType, Body body) {
        return new Simple(returnType, true, false, body);
    }

    /** Registers a function with a fixed arity range and result type. */
    static void fixed(Map<String, Resolver> into, String name, int minArgs, int maxArgs, ScalarFunction f) {
        into.put(name, types -> types.size() >= minArgs && types.size() <= maxArgs ? f : null);
    }
}
