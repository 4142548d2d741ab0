package org.strokescan.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.SchemaValidationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway before anything uses JPA, then lets Hibernate validate its
 * mappings against the migrated schema (Hibernate never creates or alters tables).
 * A failure is kept for the readiness check instead of aborting deployment, so operators see why.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = DataSourceConfiguration.JNDI_NAME)
    DataSource dataSource;

    @PersistenceUnit(unitName = "strokescan")
    EntityManagerFactory entityManagerFactory;

    private volatile String failure = "database migration has not run yet";
    private volatile String schemaVersion;

    @PostConstruct
    void migrateAtStartup() {
        try {
            MigrateResult result = migrateSchema(dataSource);
            schemaVersion = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            entityManagerFactory.getSchemaManager().validate();
            failure = null;
            LOG.info("event=schema.ready version=" + schemaVersion
                    + " applied=" + result.migrationsExecuted);
        } catch (RuntimeException | SQLException | SchemaValidationException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.log(Level.SEVERE, "event=schema.failed StrokeScan cannot use its database", e);
        }
    }

    /** Runs the migrations for the vendor behind {@code dataSource}; shared with the PostgreSQL test. */
    public static MigrateResult migrateSchema(DataSource dataSource) throws SQLException {
        return Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendorFolder(dataSource))
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** Flyway's {vendor} placeholder did not find PostgreSQL scripts here; choose the folder ourselves. */
    static String vendorFolder(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new SQLException("Unsupported database '" + product + "': StrokeScan supports H2 and PostgreSQL");
        }
    }

    public boolean isReady() {
        return failure == null;
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public String schemaVersion() {
        return schemaVersion;
    }
}
