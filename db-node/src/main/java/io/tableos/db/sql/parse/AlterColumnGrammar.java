package io.tableos.db.sql.parse;

import java.util.List;

/**
 * ALTER TABLE's {@code ALTER [COLUMN] c SET DATA TYPE t}, which JSqlParser knows only as
 * {@code ALTER [COLUMN] c TYPE t} (the same command in PostgreSQL's grammar): the words SET DATA
 * are dropped where they follow ALTER [COLUMN] name outside quotes and parentheses.
 */
final class AlterColumnGrammar {
    private AlterColumnGrammar() {}

    static String withoutSetData(String text) {
        List<SqlLexer.Word> words = SqlLexer.topLevelWords(text);
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < words.size(); i++) {
            if (!SqlLexer.is(words, i, "set") || !SqlLexer.is(words, i + 1, "data") || !SqlLexer.is(words, i + 2, "type")) continue;
            if (out == null) out = new StringBuilder();
            out.append(text, copied, words.get(i).start());
            copied = words.get(i + 2).start();
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }
}
