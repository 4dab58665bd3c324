package io.tableos.db.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * {@code VARIADIC array} arguments are wrapped in the marker call before JSqlParser, up to their
 * list's next top-level comma or parenthesis; the word elsewhere (in literals, quoted identifiers,
 * comments, as a column name) is left alone, and text without it is returned as the same instance.
 */
class VariadicArgumentsTest {

    private static final String M = VariadicArguments.MARKER;

    @Test
    void anArrayPassedWholeIsMarked() {
        assertEquals("SELECT f(" + M + "( ARRAY[1, 2]))", VariadicArguments.mark("SELECT f(VARIADIC ARRAY[1, 2])"));
        assertEquals("SELECT f('-', " + M + "( a || g(x, y))) + 1", VariadicArguments.mark("SELECT f('-', variadic a || g(x, y)) + 1"));
        assertEquals("SELECT * FROM f(1," + M + "( '{a,b}'::text[]))", VariadicArguments.mark("SELECT * FROM f(1,VARIADIC '{a,b}'::text[])"));
    }

    @Test
    void theWordElsewhereIsLeftAlone() {
        for (String sql : new String[] {"SELECT 'f(variadic x)'", "SELECT \"variadic\" FROM t", "SELECT variadic_count FROM t",
                "SELECT f(x) -- , variadic y", "SELECT variadic FROM t", "SELECT f(x.variadic)"}) {
            assertEquals(sql, VariadicArguments.mark(sql));
        }
        String plain = "SELECT f(1, 2)";
        assertSame(plain, VariadicArguments.mark(plain));
    }
}
