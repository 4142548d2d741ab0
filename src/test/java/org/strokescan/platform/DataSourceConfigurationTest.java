package org.strokescan.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.sql.DataSourceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DataSourceConfigurationTest {

    /**
     * A request may hold one connection while it waits for a second (the image write in its own transaction). With
     * fewer connections than request threads a burst of uploads deadlocked until the lock timeout.
     */
    @Test
    void thePoolHasMoreConnectionsThanTheServerHasRequestThreads() throws IOException {
        String commands = Files.readString(Path.of("payara-config/pre-boot-commands.asadmin"));
        Matcher threads = Pattern.compile("http-thread-pool\\.max-thread-pool-size=(\\d+)").matcher(commands);
        assertTrue(threads.find(), "the request threads are bounded in payara-config/pre-boot-commands.asadmin");
        int connections = DataSourceConfiguration.class.getAnnotation(DataSourceDefinition.class).maxPoolSize();
        assertTrue(connections >= Integer.parseInt(threads.group(1)) + 8,
                connections + " connections for " + threads.group(1) + " request threads (and the relay, timers)");
    }
}
