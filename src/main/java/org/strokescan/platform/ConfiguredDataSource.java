package org.strokescan.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.NoSuchElementException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The server's data source: a {@link JdbcUrlDataSource} whose URL and credentials come from MicroProfile Config
 * ({@code strokescan.db.url}, {@code strokescan.db.user}, {@code strokescan.db.password}; env {@code STROKESCAN_DB_*}),
 * read when the first connection is made, with the application's own configuration.
 *
 * <p>Not through {@code ${MPCONFIG=…}} in {@link DataSourceConfiguration}: Payara expands those once before the
 * application's configuration is registered, and so logged "no value found, no default given" for keys whose default
 * is in microprofile-config.properties, and for the password, which is empty unless the environment sets one.
 */
public class ConfiguredDataSource extends JdbcUrlDataSource {

    private volatile boolean configured;

    @Override
    public Connection getConnection() throws SQLException {
        configure();
        return super.getConnection();
    }

    /** The pool asks with its own credentials when it has some; it has none, so the configured ones are used. */
    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        configure();
        return username == null || username.isEmpty() ? super.getConnection() : super.getConnection(username, pass);
    }

    private void configure() throws SQLException {
        if (configured) {
            return;
        }
        // the class loader names this application to Payara's configuration, whichever thread asks
        Config config = ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader());
        try {
            setUrl(config.getValue("strokescan.db.url", String.class));
            setUser(config.getValue("strokescan.db.user", String.class));
        } catch (NoSuchElementException e) {
            // not kept: a later connection may find the application's configuration
            throw new SQLException("No database settings readable: " + e.getMessage(), e);
        }
        setPassword(config.getOptionalValue("strokescan.db.password", String.class).orElse(""));
        configured = true;
    }
}
