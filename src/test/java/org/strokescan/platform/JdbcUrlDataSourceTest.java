package org.strokescan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcUrlDataSourceTest {

    @TempDir
    Path folder;

    @Test
    void picksTheDriverFromTheUrl() throws SQLException {
        assertEquals("org.h2.Driver", JdbcUrlDataSource.driverFor("jdbc:h2:mem:x").getClass().getName());
        assertEquals("org.postgresql.Driver",
                JdbcUrlDataSource.driverFor("jdbc:postgresql://localhost/db").getClass().getName());
        SQLException unsupported = assertThrows(SQLException.class,
                () -> JdbcUrlDataSource.driverFor("jdbc:oracle:thin:@host:1521:db?password=secret"));
        assertTrue(unsupported.getMessage().contains("jdbc:h2:"));
    }

    @Test
    void h2WaitsForALockedRowAsLongAsPostgresWouldRatherThanTwoSeconds() throws SQLException {
        JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
        dataSource.setUrl("jdbc:h2:mem:locks");
        try (Connection connection = dataSource.getConnection();
             var settings = connection.createStatement().executeQuery(
                     "select lock_timeout()")) {
            assertTrue(settings.next());
            assertEquals(String.valueOf(JdbcUrlDataSource.H2_LOCK_TIMEOUT_MS), settings.getString(1));
        }
        dataSource.setUrl("jdbc:h2:mem:locks2;LOCK_TIMEOUT=5000");
        try (Connection connection = dataSource.getConnection();
             var settings = connection.createStatement().executeQuery(
                     "select lock_timeout()")) {
            assertTrue(settings.next());
            assertEquals("5000", settings.getString(1), "a timeout in the URL is the operator's choice");
        }
    }

    @Test
    void saysWhichSettingIsMissing() {
        SQLException missing = assertThrows(SQLException.class, () -> new JdbcUrlDataSource().getConnection());
        assertTrue(missing.getMessage().contains("STROKESCAN_DB_URL"));
    }
}
