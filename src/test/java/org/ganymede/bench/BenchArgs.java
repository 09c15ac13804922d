package org.ganymede.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --key value} command-line options for the bench tools.
 *
 * <p>The tools are driven by shell scripts, so parsing stays minimal: every option takes a value,
 * unknown options are refused so that a typo in a script fails loudly instead of silently using a
 * default.
 */
record BenchArgs(String command, Map<String, String> options) {

    static BenchArgs parse(String[] argv, List<String> known) {
        if (argv.length == 0) {
            throw new IllegalArgumentException("missing command; expected one of the tool's commands, then --key value pairs");
        }
        var options = new HashMap<String, String>();
        for (int i = 1; i < argv.length; i += 2) {
            String key = argv[i];
            if (!key.startsWith("--") || !known.contains(key.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + key + "'; known options: " + known);
            }
            if (i + 1 >= argv.length) {
                throw new IllegalArgumentException("option '" + key + "' needs a value");
            }
            options.put(key.substring(2), argv[i + 1]);
        }
        return new BenchArgs(argv[0], Map.copyOf(options));
    }

    String text(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    String required(String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("command '" + command + "' needs --" + key);
        }
        return value;
    }

    int integer(String key, int fallback) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be an integer, got '" + value + "'", e);
        }
    }

    double decimal(String key, double fallback) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, got '" + value + "'", e);
        }
    }
}
