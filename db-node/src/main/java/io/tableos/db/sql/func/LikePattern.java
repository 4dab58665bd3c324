package io.tableos.db.sql.func;

import io.tableos.db.types.DbException;

/**
 * A compiled LIKE / ILIKE pattern: {@code %} matches any run of characters, {@code _} one
 * character (a code point), the escape character (default backslash, none when 0) makes the
 * next character literal. Matching is the classic two-pointer wildcard walk with one
 * backtrack point: O(n·m) in the worst case, allocation-free.
 */
final class LikePattern {
    private static final char ANY_RUN = '%';
    private static final char ANY_ONE = '_';

    /** Pattern characters; {@code kinds[i]} says whether {@code chars[i]} is literal, '%' or '_'. */
    private final char[] chars;
    private final byte[] kinds;
    private final boolean caseInsensitive;
    private static final byte LITERAL = 0, RUN = 1, ONE = 2;

    private LikePattern(char[] chars, byte[] kinds, boolean caseInsensitive) {
        this.chars = chars;
        this.kinds = kinds;
        this.caseInsensitive = caseInsensitive;
    }

    static LikePattern compile(String pattern, boolean caseInsensitive, char escape) {
        char[] chars = new char[pattern.length()];
        byte[] kinds = new byte[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != 0 && c == escape) {
                if (++i == pattern.length()) {
                    throw new DbException(FuncErrors.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
                }
                chars[n] = pattern.charAt(i);
                kinds[n++] = LITERAL;
            } else if (c == ANY_RUN) {
                if (n > 0 && kinds[n - 1] == RUN) continue; // %% is %
                chars[n] = c;
                kinds[n++] = RUN;
            } else if (c == ANY_ONE) {
                chars[n] = c;
                kinds[n++] = ONE;
            } else {
                chars[n] = c;
                kinds[n++] = LITERAL;
            }
        }
        return new LikePattern(java.util.Arrays.copyOf(chars, n), java.util.Arrays.copyOf(kinds, n), caseInsensitive);
    }

    boolean matches(String s) {
        int si = 0, pi = 0;
        int starPi = -1, starSi = 0;
        int sn = s.length(), pn = chars.length;
        while (si < sn) {
            if (pi < pn && kinds[pi] == ONE) {
                si += Character.isHighSurrogate(s.charAt(si)) && si + 1 < sn && Character.isLowSurrogate(s.charAt(si + 1)) ? 2 : 1;
                pi++;
            } else if (pi < pn && kinds[pi] == LITERAL && same(chars[pi], s.charAt(si))) {
                si++;
                pi++;
            } else if (pi < pn && kinds[pi] == RUN) {
                starPi = pi++;
                starSi = si;
            } else if (starPi >= 0) {
                pi = starPi + 1;
                starSi += Character.isHighSurrogate(s.charAt(starSi)) && starSi + 1 < sn ? 2 : 1;
                si = starSi;
            } else {
                return false;
            }
        }
        while (pi < pn && kinds[pi] == RUN) pi++;
        return pi == pn;
    }

    private boolean same(char p, char c) {
        if (p == c) return true;
        if (!caseInsensitive) return false;
        char pu = Character.toUpperCase(p), cu = Character.toUpperCase(c);
        return pu == cu || Character.toLowerCase(pu) == Character.toLowerCase(cu);
    }
}
