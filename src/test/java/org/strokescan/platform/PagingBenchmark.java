package org.strokescan.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * What the paging benchmarks share: the same migrated schema and data on a file H2 database and on the local
 * PostgreSQL, each request timed from a cleared persistence context (as every request of the console starts), and
 * one Markdown table of medians. Benchmark support, not a test.
 */
public final class PagingBenchmark {

    /** Writes the benchmark's data straight into a migrated database. */
    public interface Fill {
        void into(Connection connection) throws SQLException;
    }

    private PagingBenchmark() {
    }

    /**
     * @param name     names the H2 folder in {@code target/} and the report {@code target/<name>.md}
     * @param requests the timed requests by label, given the entity manager they run on
     */
    public static void run(String name, List<Class<?>> entities, Fill fill,
                           Function<EntityManager, Map<String, Runnable>> requests) throws Exception {
        StringBuilder report = new StringBuilder("| database | request | median ms | max ms |\n|---|---|---|---|\n");
        Path h2 = Files.createTempDirectory(Path.of("target"), name + "-").resolve("strokescan");
        run("H2 2.5 (file)", "jdbc:h2:file:" + h2.toAbsolutePath(), "sa", name, entities, fill, requests, report);
        try (PostgresTestDatabase postgres = PostgresTestDatabase.create("strokescan_benchmark")) {
            run("PostgreSQL 15", postgres.url(), PostgresTestDatabase.USER, name, entities, fill, requests, report);
        }
        System.out.println(report);
        Files.writeString(Path.of("target", name + ".md"), report);
    }

    private static void run(String label, String url, String user, String name, List<Class<?>> entities, Fill fill,
                            Function<EntityManager, Map<String, Runnable>> requests, StringBuilder report)
            throws Exception {
        JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        DatabaseMigration.migrateSchema(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            fill.into(connection);
        }
        try (EntityManagerFactory factory = new HibernatePersistenceConfiguration(name)
                .managedClasses(entities)
                .jdbcUrl(url).jdbcCredentials(user, "")
                .property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory();
             EntityManager em = factory.createEntityManager()) {
            for (var request : requests.apply(em).entrySet()) {
                double[] times = medianAndMax(() -> {
                    em.clear();
                    request.getValue().run();
                });
                report.append(String.format("| %s | %s | %.1f | %.1f |%n", label, request.getKey(), times[0], times[1]));
            }
        }
    }

    /** Median and maximum in milliseconds of 15 runs after 5 warm-up runs. */
    private static double[] medianAndMax(Runnable work) {
        for (int i = 0; i < 5; i++) {
            work.run();
        }
        double[] runs = new double[15];
        for (int i = 0; i < runs.length; i++) {
            long start = System.nanoTime();
            work.run();
            runs[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(runs);
        return new double[] {runs[runs.length / 2], runs[runs.length - 1]};
    }
}
