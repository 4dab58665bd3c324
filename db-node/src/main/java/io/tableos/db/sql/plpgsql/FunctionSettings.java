package io.tableos.db.sql.plpgsql;

import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.sql.exec.SessionInfo;
import java.util.List;
import java.util.function.Supplier;

/**
 * A function's own settings (CREATE FUNCTION ... SET search_path = ..., ALTER FUNCTION ... SET):
 * in effect from the call's start to its end, then the caller's values again, whether the call
 * returned or raised, as PostgreSQL's proconfig behaves. Nested calls stack naturally, each
 * restoring what it replaced.
 */
final class FunctionSettings {
    private FunctionSettings() {}

    static <T> T applying(FunctionDef function, SessionInfo session, Supplier<T> call) {
        List<String> settings = function.settings();
        if (settings.isEmpty()) return call.get();
        String[] replaced = new String[settings.size()];
        int applied = 0;
        try {
            for (; applied < settings.size(); applied++) {
                String setting = settings.get(applied);
                int eq = setting.indexOf('=');
                replaced[applied] = session.swapSetting(setting.substring(0, eq), setting.substring(eq + 1));
            }
            return call.get();
        } finally {
            for (int i = applied - 1; i >= 0; i--) {
                String setting = settings.get(i);
                session.swapSetting(setting.substring(0, setting.indexOf('=')), replaced[i]);
            }
        }
    }
}
