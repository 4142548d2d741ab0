package org.strokescan.cli;

/**
 * Main class of the CLI jar, compiled for Java 8 so that an older {@code java} (the default on many machines
 * is 17) prints what to do instead of an UnsupportedClassVersionError. Hands over to {@link Main} on 21+.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        String version = System.getProperty("java.specification.version");
        int feature = Integer.parseInt(version.startsWith("1.") ? version.substring(2) : version);
        if (feature < 21) {
            System.err.println("StrokeScan's CLI needs Java 21 or newer; this is Java " + version + " ("
                    + System.getProperty("java.home") + ").\nRun it with a JDK 21+, for example:\n"
                    + "  /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar target/strokescan-cli.jar <command>");
            System.exit(3);
        }
        Class.forName("org.strokescan.cli.Main").getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
