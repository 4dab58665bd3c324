package io.tableos.services.sched;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week, UTC), each field
 * {@code *}, a number, a range {@code a-b}, a step {@code * /n} or {@code a-b/n}, or a comma
 * list of these; day of week 0-7 with 0 and 7 Sunday. As in cron, when both day fields are
 * restricted a day matching either runs.
 */
final class CronSchedule {
    /** The next run is looked for this far ahead at most (a schedule like "0 0 30 2 *" never runs). */
    static final int SEARCH_DAYS_MAX = 366 * 5;

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean daysRestricted;
    private final boolean weekdaysRestricted;

    private CronSchedule(String[] f) {
        minutes = field(f[0], 0, 59);
        hours = field(f[1], 0, 23);
        days = field(f[2], 1, 31);
        months = field(f[3], 1, 12);
        weekdays = field(f[4], 0, 7);
        if (weekdays.get(7)) weekdays.set(0);
        daysRestricted = !f[2].equals("*");
        weekdaysRestricted = !f[4].equals("*");
    }

    static CronSchedule parse(String expression) {
        String[] fields = expression == null ? new String[0] : expression.trim().split("\\s+");
        if (fields.length != 5) throw Queues.invalid("a cron schedule has five fields (minute hour day month weekday): " + expression);
        return new CronSchedule(fields);
    }

    /** The first minute strictly after {@code after} that matches. */
    OffsetDateTime next(OffsetDateTime after) {
        OffsetDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        OffsetDateTime end = t.plusDays(SEARCH_DAYS_MAX);
        while (t.isBefore(end)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.withHour(0).withMinute(0).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.withMinute(0).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t;
            }
        }
        throw Queues.invalid("cron schedule never runs within " + SEARCH_DAYS_MAX + " days");
    }

    private boolean dayMatches(OffsetDateTime t) {
        boolean day = days.get(t.getDayOfMonth());
        boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
        if (daysRestricted && weekdaysRestricted) return day || weekday;
        return day && weekday;
    }

    private static BitSet field(String text, int min, int max) {
        BitSet set = new BitSet(max + 1);
        for (String part : text.split(",")) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), 1, max, text);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                from = number(range.substring(0, range.indexOf('-')), min, max, text);
                to = number(range.substring(range.indexOf('-') + 1), from, max, text);
            } else {
                from = number(range, min, max, text);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) set.set(v);
        }
        return set;
    }

    private static int number(String s, int min, int max, String field) {
        try {
            int v = Integer.parseInt(s);
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Queues.invalid("bad cron field \"" + field + "\": " + s + " is not a number from " + min + " to " + max);
    }
}
