package org.strokescan.cli;

import java.io.PrintStream;
import java.util.Map;

/** What every command is given when {@link Main} builds it: the process environment and the two output streams. */
record CliContext(Map<String, String> environment, PrintStream out, PrintStream err) {

    /** The server's configuration as the server would read it in this environment. */
    CliConfig config() {
        return new CliConfig(environment);
    }
}
