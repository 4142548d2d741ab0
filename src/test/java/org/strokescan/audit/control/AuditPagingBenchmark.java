package org.strokescan.audit.control;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.strokescan.audit.entity.AuditHead;
import org.strokescan.audit.entity.AuditQuery;
import org.strokescan.audit.entity.AuditRecord;
import org.strokescan.platform.PagingBenchmark;

/**
 * Benchmark, not a test: how long the auditor console takes for one page (count + 25 rows, as its lazy table
 * asks) over a 50,000-event trail, on H2 and on PostgreSQL, through the same repository and queries as the
 * server. Medians of 15 runs after 5 warm-up runs. Run (see the README):
 * {@code mvn -q test-compile exec:exec -Daudit.benchmark}.
 */
public final class AuditPagingBenchmark {

    private static final int EVENTS = 50_000;
    private static final int PAGE = 25;
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        PagingBenchmark.run("audit-paging-benchmark", List.of(AuditRecord.class, AuditHead.class),
                connection -> AuditTrailFixture.append(connection, EVENTS, START, 30), // about 17 days
                em -> {
                    AuditRepository repository = new AuditRepository();
                    repository.em = em;
                    Instant day = START.plusSeconds(10 * 86_400);
                    Map<String, Runnable> pages = new LinkedHashMap<>();
                    pages.put("newest page, no filter", () -> page(repository, AuditQuery.ALL, 0));
                    pages.put("page 1,000 (rows 25,000–25,024)", () -> page(repository, AuditQuery.ALL, 25_000));
                    pages.put("actor contains 'clinician1'", () -> page(repository,
                            new AuditQuery(null, null, "clinician1", null, null, null), 0));
                    pages.put("LOGIN_FAILED on one day", () -> page(repository,
                            new AuditQuery(day, day.plusSeconds(86_400), null, "LOGIN_FAILED", null, null), 0));
                    pages.put("subject contains 'user42'", () -> page(repository,
                            new AuditQuery(null, null, null, null, null, "user42"), 0));
                    return pages;
                });
    }

    private static void page(AuditRepository repository, AuditQuery query, int first) {
        repository.count(query);
        if (repository.find(query, first, PAGE, "seq", false).isEmpty() && first == 0) {
            throw new IllegalStateException("no rows for " + query);
        }
    }
}
