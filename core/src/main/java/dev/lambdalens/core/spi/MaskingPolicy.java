package dev.lambdalens.core.spi;

import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.MaskingSettings;
import dev.lambdalens.core.internal.JsonInText;
import dev.lambdalens.core.internal.SecretSpans;
import dev.lambdalens.core.internal.SensitiveNames;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The masking every writer of user data applies: a field is masked by its name ({@link #masksName}), and every
 * string by what it holds ({@link #maskText}: JSON inside the string masked inside, then the value detectors,
 * sensitive {@code name=value} pairs and configured patterns). Built once per runtime and writer from
 * {@link MaskingSettings}; thread-safe; nothing here throws for any input.
 */
public final class MaskingPolicy {
    /** How many JSON strings inside JSON strings are opened; deeper text gets the detectors only. */
    private static final int MAX_TEXT_DEPTH = 4;
    private static final Pattern[] NO_PATTERNS = new Pattern[0];

    private final SensitiveNames names;
    private final boolean detectors;
    private final Pattern[] patterns;
    private final String mask;
    private final boolean active;

    private MaskingPolicy(MaskingSettings settings) {
        List<String> exact = new ArrayList<>(settings.names());
        List<String> words = new ArrayList<>();
        if (settings.defaultNames()) {
            exact.addAll(MaskingSettings.DEFAULT_NAMES);
            words.addAll(MaskingSettings.SENSITIVE_WORDS);
        }
        this.names = new SensitiveNames(exact, words, settings.kept());
        this.detectors = settings.detectors();
        this.patterns = settings.patterns().toArray(new Pattern[0]);
        this.mask = settings.mask();
        this.active = !names.isEmpty() || detectors || patterns.length > 0;
    }

    /** The policy of {@code settings}. */
    public static MaskingPolicy of(MaskingSettings settings) {
        return new MaskingPolicy(settings);
    }

    /** The policy of {@code runtime}'s configuration, made once per runtime and shared by its modules. */
    public static MaskingPolicy of(LensRuntime runtime) {
        return runtime.component(MaskingPolicy.class, FromRuntime.INSTANCE);
    }

    /** A named factory, not a lambda: the first lambda of a JVM costs milliseconds at cold start. */
    private static final class FromRuntime implements java.util.function.Function<LensRuntime, MaskingPolicy> {
        static final FromRuntime INSTANCE = new FromRuntime();

        @Override
        public MaskingPolicy apply(LensRuntime runtime) {
            return from(runtime.configuration(), runtime.diagnostics());
        }
    }

    /** The policy {@code configuration} gives (see {@link MaskingSettings#from}). */
    public static MaskingPolicy from(Configuration configuration, Diagnostics diagnostics) {
        return of(MaskingSettings.from(configuration, diagnostics));
    }

    /** The replacement written for a masked value. */
    public String mask() {
        return mask;
    }

    /** Whether anything at all is masked; when not, writers may skip the checks. */
    public boolean isActive() {
        return active;
    }

    /** Whether the value of a field called {@code name} is replaced by the mask. */
    public boolean masksName(String name) {
        return names.isSensitive(name);
    }

    /** {@code text} with its secrets replaced by the mask; {@code text} itself (same instance) if it has none. */
    public String maskText(String text) {
        return maskText(text, 0);
    }

    /** As {@link #maskText(String)}, for a string found {@code depth} JSON strings deep. */
    public String maskText(String text, int depth) {
        if (text == null || text.isEmpty() || !active) {
            return text;
        }
        if (depth < MAX_TEXT_DEPTH && JsonInText.looksLikeJson(text)) {
            String masked = JsonInText.mask(text, this, depth);
            if (masked != null) {
                return masked;
            }
        }
        int[] spans = SecretSpans.find(text, names, detectors, patterns);
        if (spans == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int i = 0; i < spans.length; i += 2) {
            out.append(text, at, spans[i]).append(mask);
            at = spans[i + 1];
        }
        return out.append(text, at, text.length()).toString();
    }

    /** Whether a number written as a JSON number is a card number (so it is written as the mask instead). */
    public boolean masksNumber(long value) {
        return detectors && value >= 1_000_000_000_000L && masksDigits(Long.toString(value));
    }

    /** Whether the JSON number text {@code text[start, end)} is a card number. */
    public boolean masksNumber(CharSequence text, int start, int end) {
        int length = end - start;
        if (!detectors || length < 13 || length > 19) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return masksDigits(text.subSequence(start, end).toString());
    }

    private boolean masksDigits(String digits) {
        int[] spans = SecretSpans.find(digits, names, true, NO_PATTERNS);
        return spans != null && spans[0] == 0 && spans[1] == digits.length();
    }
}
