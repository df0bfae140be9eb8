package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.Diagnostics;

/**
 * X-Ray's rules for a subsegment name: 1 to 200 characters, none of the ASCII symbols it rejects. An invalid
 * name is repaired (and reported once) rather than dropped, so the work still shows.
 */
final class SubsegmentNames {
    static final int MAX_LENGTH = 200;
    private static final String REJECTED_SYMBOLS = "!\"$'()*,;<>?[]^`{|}~";

    private SubsegmentNames() {
    }

    /** {@code name} as X-Ray accepts it. */
    static String checked(String name, Diagnostics diagnostics) {
        if (name != null && !name.isEmpty() && name.length() <= MAX_LENGTH && valid(name)) {
            return name;
        }
        String repaired = repair(name);
        diagnostics.reportOnce("tracing:name:" + name, "subsegment name \"" + Diagnostics.shorten(name)
                + "\" is not valid for X-Ray; using \"" + Diagnostics.shorten(repaired) + "\"", null);
        return repaired;
    }

    private static boolean valid(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (rejected(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean rejected(char c) {
        return c < 0x20 || REJECTED_SYMBOLS.indexOf(c) >= 0;
    }

    private static String repair(String name) {
        if (name == null || name.isEmpty()) {
            return "unnamed";
        }
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_LENGTH));
        for (int i = 0; i < name.length() && out.length() < MAX_LENGTH; i++) {
            char c = name.charAt(i);
            out.append(rejected(c) ? '_' : c);
        }
        return out.toString();
    }
}
