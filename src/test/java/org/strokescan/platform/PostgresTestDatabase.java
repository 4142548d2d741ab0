package org.strokescan.platform;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throw-away database on the real PostgreSQL (default {@code 127.0.0.1:5432}, user {@code postgres}; override
 * with {@code STROKESCAN_TEST_PG_URL} and {@code STROKESCAN_TEST_PG_USER}). Tests skip, naming the server, when
 * it cannot be reached.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    public static final String SERVER = System.getenv().getOrDefault("STROKESCAN_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = System.getenv().getOrDefault("STROKESCAN_TEST_PG_USER", "postgres");

    private final String name;
    private final JdbcUrlDataSource dataSource = new JdbcUrlDataSource();

    private PostgresTestDatabase(String name) {
        this.name = name;
        dataSource.setUrl(url());
        dataSource.setUser(USER);
    }

    /** Creates {@code <prefix>_<random>}, or skips the calling test when PostgreSQL is not there. */
    public static PostgresTestDatabase create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DriverManager.setLoginTimeout(5);
        try {
            execute("create database " + name);
        } catch (SQLException e) {
            assumeTrue(false, "needs PostgreSQL at " + SERVER + " (user " + USER + "): " + e.getMessage());
        }
        return new PostgresTestDatabase(name);
    }

    public String url() {
        return SERVER + name;
    }

    public JdbcUrlDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        execute("drop database if exists " + name + " with (force)");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }
}
