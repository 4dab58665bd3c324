package io.tableos.services.sched;

import io.tableos.db.sql.exec.ProcedureContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Fair share between the tenants of one queue: a claim of n tasks goes one task at a time to
 * the tenant with the fewest running (counting what this claim already gave it) among those
 * with queued tasks; ties go to the tenant named first. A queue without tenants has one,
 * the empty name, and takes the single-tenant path.
 */
final class TenantShares {
    /** Tenants of one queue a claim considers (those with queued tasks). */
    static final int TENANTS_MAX = 10_000;

    private TenantShares() {}

    /** Rows of (tenant, count) adding up to at most {@code limit}. */
    static List<Object[]> split(ProcedureContext ctx, String queue, int limit) {
        List<Object[]> tenants = ctx.query("SELECT tenant, queued, running FROM sched.tenants WHERE queue = $1 AND queued > 0"
                + " ORDER BY tenant LIMIT " + TENANTS_MAX, queue);
        if (tenants.size() == 1) {
            return List.<Object[]>of(new Object[] {tenants.get(0)[0], (int) Math.min(limit, ((Number) tenants.get(0)[1]).longValue())});
        }
        int n = tenants.size();
        long[] queued = new long[n];
        long[] running = new long[n];
        int[] given = new int[n];
        for (int i = 0; i < n; i++) {
            queued[i] = ((Number) tenants.get(i)[1]).longValue();
            running[i] = ((Number) tenants.get(i)[2]).longValue();
        }
        for (int k = 0; k < limit; k++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (given[i] < queued[i] && (best < 0 || running[i] + given[i] < running[best] + given[best])) best = i;
            }
            if (best < 0) break;
            given[best]++;
        }
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) if (given[i] > 0) out.add(new Object[] {tenants.get(i)[0], given[i]});
        return out;
    }
}
