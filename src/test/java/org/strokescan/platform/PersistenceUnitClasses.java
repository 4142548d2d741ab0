package org.strokescan.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The entity classes persistence.xml lists, as the server's persistence unit knows them. */
final class PersistenceUnitClasses {

    private static final Pattern CLASS = Pattern.compile("<class>\\s*([\\w.]+)\\s*</class>");

    private PersistenceUnitClasses() {
    }

    static List<Class<?>> all() throws Exception {
        String xml = Files.readString(Path.of("src/main/resources/META-INF/persistence.xml"));
        Matcher matcher = CLASS.matcher(xml);
        List<String> names = new java.util.ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        List<Class<?>> classes = new java.util.ArrayList<>();
        for (String name : names) {
            classes.add(Class.forName(name));
        }
        return classes;
    }
}
