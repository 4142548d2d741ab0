package org.strokescan.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The configuration defaults the application ships, read from {@value #RESOURCE}, the one place they are written
 * (the server's MicroProfile Config reads the same file). For code that runs without the server's configuration
 * (the CLI, offline training, tests that build a control themselves) and needs a default, so that none restates it.
 * Settings from the environment are not applied here; the CLI applies them itself.
 */
public final class ShippedConfiguration {

    public static final String RESOURCE = "/META-INF/microprofile-config.properties";

    private static final Properties DEFAULTS = load();

    private ShippedConfiguration() {
    }

    /** A copy of every default. */
    public static Properties defaults() {
        Properties copy = new Properties();
        copy.putAll(DEFAULTS);
        return copy;
    }

    /** The shipped default of a key; a key that is not there is a programming error. */
    public static String value(String key) {
        String value = DEFAULTS.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("No default for " + key + " in " + RESOURCE);
        }
        return value;
    }

    public static long longValue(String key) {
        return Long.parseLong(value(key).strip());
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ShippedConfiguration.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
