package org.strokescan.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.SchemaValidationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    @Inject
    @ConfigProperty(name = "strokescan.db.url")
    String url;

    @Inject
    @ConfigProperty(name = "strokescan.db.user")
    Optional<String> runtimeUser;

    /** The role that owns the schema and migrates it; empty = the server's own user migrates (and owns it). */
    @Inject
    @ConfigProperty(name = "strokescan.db.migration-user")
    Optional<String> migrationUser;

    @Inject
    @ConfigProperty(name = "strokescan.db.migration-password")
    Optional<String> migrationPassword;

    @PostConstruct
    void migrateAtStartup() {
        try {
            MigrateResult result;
            Optional<String> owner = migrationUser.filter(user -> !user.isBlank());
            if (owner.isEmpty()) {
                result = migrateSchema(dataSource);
            } else {
                JdbcUrlDataSource asOwner = new JdbcUrlDataSource();
                asOwner.setUrl(url);
                asOwner.setUser(owner.get());
                asOwner.setPassword(migrationPassword.orElse(""));
                result = migrateSchema(asOwner, runtimeUser.orElse(""));
                LOG.info(() -> "event=schema.owner migratedAs=" + owner.get() + " runsAs=" + runtimeUser.orElse(""));
            }
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
        return migrateSchema(dataSource, "");
    }

    /**
     * Runs the migrations as the user of {@code dataSource}, the schema's owner, and (on PostgreSQL) grants
     * {@code runtimeUser}, when it is another role, the data but not the schema: read and append only on the audit
     * trail (see {@code db/migration/postgresql/afterMigrate.sql}).
     */
    public static MigrateResult migrateSchema(DataSource dataSource, String runtimeUser) throws SQLException {
        return Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendorFolder(dataSource))
                .placeholders(Map.of("runtime_user", runtimeUser == null ? "" : runtimeUser))
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
