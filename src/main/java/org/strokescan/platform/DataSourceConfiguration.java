package org.strokescan.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The application's one data source. URL and credentials come from MicroProfile Config
 * ({@code strokescan.db.*}, env {@code STROKESCAN_DB_*}), read by {@link ConfiguredDataSource} (see there why not
 * here), so switching from the embedded H2 file database to PostgreSQL needs no rebuild. {@link JdbcUrlDataSource}
 * picks the JDBC driver from the URL.
 */
@DataSourceDefinition(
        name = DataSourceConfiguration.JNDI_NAME,
        className = "org.strokescan.platform.ConfiguredDataSource",
        minPoolSize = 1,
        // more than the 32 request threads (payara-config/pre-boot-commands.asadmin): a request may need a
        // second connection while it holds its first, so the pool must never run dry before the threads do
        maxPoolSize = 48,
        properties = {"fish.payara.is-connection-validation-required=true",
                      "fish.payara.connection-validation-method=auto-commit"})
@Singleton
public class DataSourceConfiguration {
    public static final String JNDI_NAME = "java:app/jdbc/strokescan";
}
