package org.strokescan.audit.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.strokescan.audit.entity.AuditHead;
import org.strokescan.audit.entity.AuditQuery;
import org.strokescan.audit.entity.AuditRecord;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.JdbcUrlDataSource;
import org.strokescan.platform.Medians;
import org.strokescan.platform.PostgresTestDatabase;

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
        StringBuilder report = new StringBuilder("| database | query | median ms | max ms |\n|---|---|---|---|\n");
        Path h2 = Files.createTempDirectory(Path.of("target"), "audit-benchmark-").resolve("strokescan");
        run("H2 2.5 (file)", "jdbc:h2:file:" + h2.toAbsolutePath(), "sa", report);
        try (PostgresTestDatabase postgres = PostgresTestDatabase.create("strokescan_benchmark")) {
            run("PostgreSQL 15", postgres.url(), PostgresTestDatabase.USER, report);
        }
        System.out.println(report);
        Files.writeString(Path.of("target/audit-paging-benchmark.md"), report);
    }

    private static void run(String label, String url, String user, StringBuilder report) throws Exception {
        JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        DatabaseMigration.migrateSchema(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            AuditTrailFixture.append(connection, EVENTS, START, 30); // about 17 days
        }
        try (EntityManagerFactory factory = new HibernatePersistenceConfiguration("audit-benchmark")
                .managedClasses(AuditRecord.class, AuditHead.class)
                .jdbcUrl(url).jdbcCredentials(user, "")
                .property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory();
             EntityManager em = factory.createEntityManager()) {
            AuditRepository repository = new AuditRepository();
            repository.em = em;
            Instant day = START.plusSeconds(10 * 86_400);
            Map<String, Consumer<AuditRepository>> pages = new LinkedHashMap<>();
            pages.put("newest page, no filter", r -> page(r, AuditQuery.ALL, 0));
            pages.put("page 1,000 (rows 25,000–25,024)", r -> page(r, AuditQuery.ALL, 25_000));
            pages.put("actor contains 'clinician1'", r -> page(r, new AuditQuery(null, null, "clinician1", null, null, null), 0));
            pages.put("LOGIN_FAILED on one day", r -> page(r, new AuditQuery(day, day.plusSeconds(86_400), null, "LOGIN_FAILED", null, null), 0));
            pages.put("subject contains 'user42'", r -> page(r, new AuditQuery(null, null, null, null, null, "user42"), 0));
            for (var entry : pages.entrySet()) {
                double[] times = Medians.of(() -> entry.getValue().accept(repository));
                report.append(String.format("| %s | %s | %.1f | %.1f |%n", label, entry.getKey(), times[0], times[1]));
            }
        }
    }

    private static void page(AuditRepository repository, AuditQuery query, int first) {
        repository.em.clear(); // every page starts cold, as each request of the console does
        repository.count(query);
        if (repository.find(query, first, PAGE, "seq", false).isEmpty() && first == 0) {
            throw new IllegalStateException("no rows for " + query);
        }
    }
}
