package io.tableos.db.sql.func;

import io.tableos.db.types.DbException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PostgreSQL (POSIX ARE) regular expressions run on java.util.regex, which agrees on the
 * common syntax. Translated: bracket classes {@code [[:alpha:]]} and friends, and the word
 * boundary escapes {@code \y \m \M}. Compiled patterns are cached, bounded.
 */
final class RegexPatterns {
    private RegexPatterns() {}

    static final int CACHE_ENTRIES_MAX = 1024;
    private static final BoundedCache<String, Pattern> SENSITIVE = new BoundedCache<>(CACHE_ENTRIES_MAX);
    private static final BoundedCache<String, Pattern> INSENSITIVE = new BoundedCache<>(CACHE_ENTRIES_MAX);

    static Pattern compile(String regex, boolean caseInsensitive) {
        return caseInsensitive ? INSENSITIVE.get(regex, r -> compileNow(r, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                : SENSITIVE.get(regex, r -> compileNow(r, 0));
    }

    private static Pattern compileNow(String regex, int flags) {
        try {
            return Pattern.compile(translate(regex), flags);
        } catch (PatternSyntaxException e) {
            throw new DbException(FuncErrors.INVALID_REGULAR_EXPRESSION, "invalid regular expression: " + e.getDescription());
        }
    }

    static String translate(String regex) {
        if (regex.indexOf("[:") < 0 && regex.indexOf('\\') < 0) return regex;
        String r = regex;
        String[][] classes = {
            {"[:alpha:]", "\\p{Alpha}"}, {"[:digit:]", "\\p{Digit}"}, {"[:alnum:]", "\\p{Alnum}"},
            {"[:upper:]", "\\p{Upper}"}, {"[:lower:]", "\\p{Lower}"}, {"[:space:]", "\\s"},
            {"[:punct:]", "\\p{Punct}"}, {"[:xdigit:]", "\\p{XDigit}"}, {"[:word:]", "\\w"},
            {"[:blank:]", "\\p{Blank}"}, {"[:cntrl:]", "\\p{Cntrl}"}, {"[:print:]", "\\p{Print}"}, {"[:graph:]", "\\p{Graph}"},
        };
        for (String[] c : classes) r = r.replace(c[0], c[1]);
        return r.replace("\\y", "\\b").replace("\\m", "\\b(?=\\w)").replace("\\M", "\\b(?<=\\w)");
    }
}
