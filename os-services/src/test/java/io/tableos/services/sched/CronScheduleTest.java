package io.tableos.services.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.types.DbException;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Next-run computation of five-field cron expressions, against hand-worked UTC instants. */
class CronScheduleTest {
    private static OffsetDateTime at(String iso) {
        return OffsetDateTime.parse(iso);
    }

    @Test
    void everyMinuteIsTheNextWholeMinute() {
        assertEquals(at("2026-12-07T08:01Z"), CronSchedule.parse("* * * * *").next(at("2026-12-07T08:00:30Z")));
        assertEquals(at("2026-12-07T08:01Z"), CronSchedule.parse("* * * * *").next(at("2026-12-07T08:00Z")), "strictly after");
    }

    @Test
    void fieldsCombineStepsRangesAndLists() {
        assertEquals(at("2026-12-07T08:15Z"), CronSchedule.parse("*/15 * * * *").next(at("2026-12-07T08:01Z")));
        assertEquals(at("2026-12-08T03:00Z"), CronSchedule.parse("0 3 * * *").next(at("2026-12-07T03:00Z")));
        assertEquals(at("2026-12-07T09:05Z"), CronSchedule.parse("5,35 9-17 * * *").next(at("2026-12-07T08:40Z")));
        assertEquals(at("2027-01-01T00:00Z"), CronSchedule.parse("0 0 1 1 *").next(at("2026-12-07T08:00Z")));
    }

    @Test
    void weekdaysAndTheEitherRuleForTwoDayFields() {
        // 2026-12-07 is a Monday; 0 and 7 both mean Sunday.
        assertEquals(at("2026-12-13T00:00Z"), CronSchedule.parse("0 0 * * 0").next(at("2026-12-07T08:00Z")));
        assertEquals(at("2026-12-13T00:00Z"), CronSchedule.parse("0 0 * * 7").next(at("2026-12-07T08:00Z")));
        // Day 15 or any Friday, whichever comes first: Friday the 11th.
        assertEquals(at("2026-12-11T00:00Z"), CronSchedule.parse("0 0 15 * 5").next(at("2026-12-07T08:00Z")));
    }

    @Test
    void badExpressionsAre22023() {
        for (String bad : new String[] {"* * * *", "61 * * * *", "* 24 * * *", "a * * * *", "*/0 * * * *"}) {
            assertEquals("22023", assertThrows(DbException.class, () -> CronSchedule.parse(bad)).sqlState(), bad);
        }
        assertThrows(DbException.class, () -> CronSchedule.parse("0 0 30 2 *").next(at("2026-12-07T08:00Z")), "never runs");
    }
}
