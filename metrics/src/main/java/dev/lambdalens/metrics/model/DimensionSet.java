package dev.lambdalens.metrics.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dimension names and values that together identify a metric, in the order given (at most
 * {@value #MAX_DIMENSIONS}, CloudWatch's limit per metric).
 *
 * <p>Unlike Powertools, building a set never throws: a {@code null} or invalid name, a value that is not a
 * string ({@code null}), or a dimension beyond the limit is left out and remembered; the metrics instance the
 * set is handed to reports it once, naming the dimension and the rule. Not thread-safe while being built;
 * metrics instances copy it when they receive it.
 */
public final class DimensionSet {
    /** CloudWatch accepts up to 30 dimensions per metric. */
    public static final int MAX_DIMENSIONS = 30;
    /** The longest dimension name CloudWatch accepts. */
    public static final int MAX_NAME_LENGTH = 255;
    /** The longest dimension value CloudWatch accepts. */
    public static final int MAX_VALUE_LENGTH = 1024;

    private final LinkedHashMap<String, String> dimensions = new LinkedHashMap<>(8);
    private List<String> problems;

    public DimensionSet() {
    }

    public static DimensionSet of(String key, String value) {
        return new DimensionSet().addDimension(key, value);
    }

    public static DimensionSet of(String key1, String value1, String key2, String value2) {
        return of(key1, value1).addDimension(key2, value2);
    }

    public static DimensionSet of(String key1, String value1, String key2, String value2, String key3,
                                  String value3) {
        return of(key1, value1, key2, value2).addDimension(key3, value3);
    }

    public static DimensionSet of(String key1, String value1, String key2, String value2, String key3,
                                  String value3, String key4, String value4) {
        return of(key1, value1, key2, value2, key3, value3).addDimension(key4, value4);
    }

    public static DimensionSet of(String key1, String value1, String key2, String value2, String key3,
                                  String value3, String key4, String value4, String key5, String value5) {
        return of(key1, value1, key2, value2, key3, value3, key4, value4).addDimension(key5, value5);
    }

    /** A set holding the entries of {@code dimensions}, in its iteration order. */
    public static DimensionSet of(Map<String, String> dimensions) {
        DimensionSet set = new DimensionSet();
        if (dimensions == null) {
            set.problem("a null map of dimensions was given");
            return set;
        }
        dimensions.forEach(set::addDimension);
        return set;
    }

    /**
     * Adds (or replaces) a dimension. An invalid one is left out and reported once when the set is used.
     *
     * @return this set
     */
    public DimensionSet addDimension(String key, String value) {
        String rule = rejection(key, value);
        if (rule != null) {
            problem("dimension '" + key + "' is left out: " + rule);
        } else if (dimensions.size() >= MAX_DIMENSIONS && !dimensions.containsKey(key)) {
            problem("dimension '" + key + "' is left out: a dimension set holds at most " + MAX_DIMENSIONS
                    + " dimensions");
        } else {
            dimensions.put(key, value);
        }
        return this;
    }

    /** The dimension names, in order. */
    public Set<String> getDimensionKeys() {
        return Collections.unmodifiableSet(dimensions.keySet());
    }

    /** The value of {@code key}, or {@code null}. */
    public String getDimensionValue(String key) {
        return dimensions.get(key);
    }

    /** A copy of the dimensions, in order. */
    public Map<String, String> getDimensions() {
        return new LinkedHashMap<>(dimensions);
    }

    /** How many dimensions the set holds. */
    public int size() {
        return dimensions.size();
    }

    /**
     * Why {@code key}/{@code value} cannot be a CloudWatch dimension, or {@code null} when it can. Names are
     * 1 to 255 printable ASCII characters not starting with ':'; values are 1 to 1024 characters, not blank.
     */
    public static String rejection(String key, String value) {
        if (key == null || key.isBlank()) {
            return "the name is empty";
        }
        if (key.length() > MAX_NAME_LENGTH) {
            return "the name is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (key.charAt(0) == ':') {
            return "the name starts with ':'";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "the name holds a character that is not printable ASCII";
            }
        }
        if (key.equals("_aws")) {
            return "'_aws' is reserved for the EMF metadata";
        }
        if (value == null) {
            return "the value is not a string (null)";
        }
        if (value.isBlank()) {
            return "the value is empty";
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return "the value is longer than " + MAX_VALUE_LENGTH + " characters";
        }
        return null;
    }

    /** Entries left out while building, as messages; empty for a clean set. For metrics instances. */
    public List<String> problems() {
        return problems == null ? List.of() : Collections.unmodifiableList(problems);
    }

    private void problem(String message) {
        if (problems == null) {
            problems = new ArrayList<>(2);
        }
        problems.add(message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DimensionSet && ((DimensionSet) o).dimensions.equals(dimensions);
    }

    @Override
    public int hashCode() {
        return dimensions.hashCode();
    }

    @Override
    public String toString() {
        return "DimensionSet" + dimensions;
    }
}
