package org.strokescan.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options, {@code --flag}s and positional arguments of one CLI command. */
final class Options {

    /** Options that take no value. */
    private static final java.util.Set<String> FLAGS = java.util.Set.of("resume");

    private final Map<String, String> named = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    Options(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            if (args[i].startsWith("--") && FLAGS.contains(args[i].substring(2))) {
                named.put(args[i].substring(2), "true");
            } else if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                named.put(args[i].substring(2), args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
    }

    /** Refuses any option not named, so a typo is an error instead of a silent default. */
    void allowOnly(String... names) {
        List<String> allowed = List.of(names);
        for (String name : named.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (allowed: --" + String.join(", --", allowed)
                        + ")");
            }
        }
    }

    List<String> positional() {
        return positional;
    }

    String required(String name) {
        String value = named.get(name);
        if (value == null) {
            throw new IllegalArgumentException("option --" + name + " is required");
        }
        return value;
    }

    boolean flag(String name) {
        return named.containsKey(name);
    }

    String text(String name, String fallback) {
        return named.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        try {
            return named.containsKey(name) ? Integer.parseInt(named.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " must be a whole number, got " + named.get(name));
        }
    }

    double decimal(String name, double fallback) {
        try {
            return named.containsKey(name) ? Double.parseDouble(named.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " must be a number, got " + named.get(name));
        }
    }
}
