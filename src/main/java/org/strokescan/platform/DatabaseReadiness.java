package org.strokescan.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready means: the database answers and its schema is migrated and matches the entities. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = DataSourceConfiguration.JNDI_NAME)
    DataSource dataSource;

    @Inject
    DatabaseMigration migration;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        try (Connection connection = dataSource.getConnection()) {
            response.withData("reachable", connection.isValid(2))
                    .withData("vendor", connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            return response.down().withData("reachable", false).withData("error", e.getMessage()).build();
        }
        migration.failure().ifPresent(reason -> response.withData("error", reason));
        if (migration.schemaVersion() != null) {
            response.withData("schemaVersion", migration.schemaVersion());
        }
        return response.status(migration.isReady()).build();
    }
}
