package org.strokescan.cli;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        ClassLoader loader = withEngineLibraries();
        Thread.currentThread().setContextClassLoader(loader);
        Class.forName("org.strokescan.cli.Main", true, loader).getMethod("main", String[].class).invoke(null, (Object) args);
    }

    /**
     * The CLI jar plus the engine libraries the build puts beside it in {@code payara/lib} (DJL, TensorFlow and
     * its 150 MB natives, HAPI FHIR): shared with the server rather than copied into a second huge jar.
     */
    private static ClassLoader withEngineLibraries() throws Exception {
        File jar = new File(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        File[] libraries = new File(jar.getParentFile(), "payara/lib").listFiles();
        List<URL> urls = new ArrayList<URL>();
        urls.add(jar.toURI().toURL());
        if (libraries != null) {
            Arrays.sort(libraries);
            for (File library : libraries) {
                if (library.getName().endsWith(".jar")) {
                    urls.add(library.toURI().toURL());
                }
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getSystemClassLoader().getParent());
    }
}
