package org.strokescan.platform;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A plain {@link DataSource} that finds the JDBC driver accepting the configured URL among the drivers
 * bundled with the application (H2, PostgreSQL). The container pools its connections.
 * It exists because {@code @DataSourceDefinition} needs one class name for every database we support.
 */
public class JdbcUrlDataSource implements DataSource {

    private String url;
    private String user = "";
    private String password = "";
    private int loginTimeout;
    private volatile boolean folderChecked;

    public void setUrl(String url) { this.url = url; }
    public void setURL(String url) { this.url = url; }
    public String getUrl() { return url; }
    public void setUser(String user) { this.user = orEmpty(user); }
    public String getUser() { return user; }
    public void setPassword(String password) { this.password = orEmpty(password); }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static final int H2_LOCK_TIMEOUT_MS = 30_000;

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        if (url == null || url.isBlank()) {
            throw new SQLException("No database URL configured: set strokescan.db.url (env STROKESCAN_DB_URL)");
        }
        if (!folderChecked) {
            ownerOnlyFolderOf(url);
            folderChecked = true;
        }
        Properties info = new Properties();
        if (username != null && !username.isEmpty()) {
            info.setProperty("user", username);
        }
        if (pass != null && !pass.isEmpty()) {
            info.setProperty("password", pass);
        }
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("LOCK_TIMEOUT")) {
            // H2 gives up on a locked row after 2 s by default. Every audit record locks the one chain head, so
            // under a burst of uploads a transaction can queue longer than that and failed with a 500; wait as
            // PostgreSQL does (there without a limit), here up to 30 s.
            info.setProperty("LOCK_TIMEOUT", String.valueOf(H2_LOCK_TIMEOUT_MS));
        }
        return driverFor(url).connect(url, info);
    }

    /** H2 would create the database's folder readable by everyone (umask); it holds patient data. */
    private static void ownerOnlyFolderOf(String url) throws SQLException {
        try {
            var folder = OwnerOnlyFolder.ofH2Url(url);
            if (folder.isPresent()) {
                OwnerOnlyFolder.ensure(folder.get());
            }
        } catch (IOException e) {
            throw new SQLException("Cannot make the database folder readable by its owner only: " + e.getMessage(), e);
        }
    }

    static Driver driverFor(String url) throws SQLException {
        for (Driver driver : ServiceLoader.load(Driver.class, JdbcUrlDataSource.class.getClassLoader())) {
            if (driver.acceptsURL(url)) {
                return driver;
            }
        }
        throw new SQLException("No bundled JDBC driver accepts " + url.replaceAll("password=[^;&]*", "password=***")
                + " (supported: jdbc:h2:, jdbc:postgresql:)");
    }

    @Override public PrintWriter getLogWriter() { return null; }
    @Override public void setLogWriter(PrintWriter out) { }
    @Override public void setLoginTimeout(int seconds) { loginTimeout = seconds; }
    @Override public int getLoginTimeout() { return loginTimeout; }
    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface);
    }
    @Override public boolean isWrapperFor(Class<?> iface) { return iface.isInstance(this); }
}
