package dev.lambdalens.core.spi;

import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads typed settings from a {@link Configuration} and reports every value it cannot use, once, on the
 * runtime's {@link Diagnostics}, naming the setting and the problem: the bad value is ignored (the default
 * applies) and everything else keeps working. Every module builds its settings value through one of these,
 * so a typo in a template never breaks a function and is never silent.
 */
public final class SettingsReader {
    private final Configuration configuration;
    private final Diagnostics diagnostics;

    public SettingsReader(Configuration configuration, Diagnostics diagnostics) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    public Configuration configuration() {
        return configuration;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** The trimmed value, or {@code defaultValue} when unset or blank. */
    public String string(String key, String defaultValue) {
        return configuration.get(key, defaultValue);
    }

    /** {@code true} or {@code false} in any case; anything else is reported and gives {@code defaultValue}. */
    public boolean bool(String key, boolean defaultValue) {
        String value = configuration.get(key, null);
        if (value == null) {
            return defaultValue;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                invalid(key, value, "is not true or false", "the default " + defaultValue + " applies");
                return defaultValue;
        }
    }

    /** {@code true}, {@code false} or {@code null} when unset; a bad value is reported and counts as unset. */
    public Boolean optionalBool(String key) {
        String value = configuration.get(key, null);
        if (value == null) {
            return null;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                invalid(key, value, "is not true or false", "it is ignored");
                return null;
        }
    }

    /** A whole number in {@code [min, max]}; anything else is reported and gives {@code defaultValue}. */
    public int integer(String key, int defaultValue, int min, int max) {
        String value = configuration.get(key, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
            invalid(key, value, "is outside " + min + " to " + max, "the default " + defaultValue + " applies");
        } catch (NumberFormatException e) {
            invalid(key, value, "is not a whole number", "the default " + defaultValue + " applies");
        }
        return defaultValue;
    }

    /** A number in {@code [min, max]}; anything else is reported and gives {@code defaultValue}. */
    public double decimal(String key, double defaultValue, double min, double max) {
        String value = configuration.get(key, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
            invalid(key, value, "is outside " + min + " to " + max, "the default " + defaultValue + " applies");
        } catch (NumberFormatException e) {
            invalid(key, value, "is not a number", "the default " + defaultValue + " applies");
        }
        return defaultValue;
    }

    /**
     * One of {@code type}'s constants, matched case-insensitively with {@code -} read as {@code _}; anything
     * else is reported, listing the accepted values, and gives {@code defaultValue}.
     */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        String value = configuration.get(key, null);
        if (value == null) {
            return defaultValue;
        }
        String wanted = value.replace('-', '_');
        StringBuilder accepted = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
            accepted.append(accepted.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        invalid(key, value, "is not one of " + accepted, defaultValue == null ? "it is ignored"
                : "the default " + defaultValue.name().toLowerCase(Locale.ROOT) + " applies");
        return defaultValue;
    }

    /** A comma-separated list, trimmed, without empty items; empty when unset. */
    public List<String> list(String key) {
        String value = configuration.get(key, null);
        List<String> items = new ArrayList<>();
        if (value != null) {
            for (String item : value.split(",")) {
                String trimmed = item.trim();
                if (!trimmed.isEmpty()) {
                    items.add(trimmed);
                }
            }
        }
        return items;
    }

    /**
     * The comma-separated regular expressions of {@code key}, compiled; an item that does not compile is
     * reported with the regex engine's reason and left out, the others apply.
     */
    public List<Pattern> patterns(String key) {
        List<Pattern> patterns = new ArrayList<>();
        for (String item : list(key)) {
            try {
                patterns.add(Pattern.compile(item));
            } catch (PatternSyntaxException e) {
                invalid(key, item, "is not a valid regular expression (" + e.getDescription() + " at index "
                        + e.getIndex() + ")", "it is left out, the other patterns apply");
            }
        }
        return patterns;
    }

    /**
     * Reports, once, that {@code key=value} cannot be used: {@code problem} says why, {@code consequence} what
     * happens instead ("the default 5 applies"). For checks a module makes beyond the types read here.
     */
    public void invalid(String key, String value, String problem, String consequence) {
        diagnostics.reportOnce("config:" + key + ":" + problem,
                key + "=" + Diagnostics.shorten(value) + " " + problem + "; " + consequence);
    }
}
