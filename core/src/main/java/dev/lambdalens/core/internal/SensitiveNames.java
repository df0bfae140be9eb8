package dev.lambdalens.core.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a field name names a secret. Names are compared after normalising: ASCII letters lower-cased,
 * everything that is not a letter or digit dropped, so {@code X-Auth-Token}, {@code x_auth_token} and
 * {@code xAuthToken} are one name. A name is sensitive when its normal form is one of the exact names, or
 * contains one of the sensitive words ({@code userPassword}, {@code db_password}), and is not on the keep list.
 *
 * <p>The same names come back line after line, so decisions are remembered, up to a bound (names made of data,
 * such as map keys that are ids, must not grow memory without end); a remembered decision costs one hash lookup
 * and no allocation. Thread-safe.
 */
public final class SensitiveNames {
    /** How many distinct names are remembered; beyond that a name is normalised each time. */
    static final int MAX_REMEMBERED = 4096;

    private final Set<String> exact;
    private final String[] words;
    private final Set<String> kept;
    private final ConcurrentHashMap<String, Boolean> decisions = new ConcurrentHashMap<>();

    /** {@code exact}, {@code words} and {@code kept} are normalised here. */
    public SensitiveNames(Collection<String> exact, Collection<String> words, Collection<String> kept) {
        this.exact = normalised(exact);
        this.words = normalised(words).toArray(new String[0]); // normalised() leaves no empty name
        this.kept = normalised(kept);
    }

    /** Whether no name at all is sensitive (nothing configured), so that callers can skip the check. */
    public boolean isEmpty() {
        return exact.isEmpty() && words.length == 0;
    }

    /** Whether the field called {@code name} holds a secret; {@code null} never does. */
    public boolean isSensitive(String name) {
        if (name == null) {
            return false;
        }
        Boolean known = decisions.get(name);
        if (known != null) {
            return known;
        }
        boolean sensitive = decide(normalise(name));
        if (decisions.size() < MAX_REMEMBERED) {
            decisions.put(name, sensitive);
        }
        return sensitive;
    }

    private boolean decide(String normal) {
        if (normal.isEmpty() || kept.contains(normal)) {
            return false;
        }
        if (exact.contains(normal)) {
            return true;
        }
        for (String word : words) {
            if (normal.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case ASCII letters and digits only: the form names are compared in. */
    public static String normalise(CharSequence name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out.append((char) (c + ('a' - 'A')));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            } else if (c > 127 && Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    private static Set<String> normalised(Collection<String> names) {
        Set<String> set = new HashSet<>();
        for (String name : names) {
            if (name != null) {
                String normal = normalise(name.trim().toLowerCase(Locale.ROOT));
                if (!normal.isEmpty()) {
                    set.add(normal);
                }
            }
        }
        return set;
    }
}
