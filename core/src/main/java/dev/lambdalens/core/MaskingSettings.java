package dev.lambdalens.core;

import dev.lambdalens.core.spi.SettingsReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What Lambda Lens masks in everything it writes from user data: log lines (messages, arguments, keys, MDC,
 * events, responses, exceptions), X-Ray annotations, metadata, captured responses and errors, and EMF
 * metadata. One policy for all modules, read from the function's environment; the logging encoder's XML
 * options add to it. Immutable: the {@code with...} methods return a changed copy.
 *
 * <p>By default (no configuration) these are masked: fields whose name, compared after dropping case and
 * separators, is one of {@link #DEFAULT_NAMES} or contains one of {@link #SENSITIVE_WORDS}; the same names in
 * {@code name=value} and {@code name: value} text; JSON inside string fields, masked inside; and, in every
 * string, card numbers (Luhn-checked), JWTs, AWS access key ids and secret keys, and PEM private keys.
 */
public final class MaskingSettings {
    /** More field names to mask, comma-separated. */
    public static final String FIELDS = "LAMBDA_LENS_MASK_FIELDS";
    /** The name {@link #FIELDS} had when masking applied to logs only; still read. */
    public static final String FIELDS_LEGACY = "LAMBDA_LENS_LOG_MASK_FIELDS";
    /** Field names never masked by name (an allow list), comma-separated; value detectors still apply. */
    public static final String KEEP = "LAMBDA_LENS_MASK_KEEP";
    /** Regular expressions whose matches are masked in every string, separated by {@code ;;}. */
    public static final String VALUES = "LAMBDA_LENS_MASK_VALUES";
    /** The name {@link #VALUES} had when masking applied to logs only; still read. */
    public static final String VALUES_LEGACY = "LAMBDA_LENS_LOG_MASK_VALUES";
    /** {@code false} turns off the default names and sensitive words (configured names still apply). */
    public static final String DEFAULTS = "LAMBDA_LENS_MASK_DEFAULTS";
    /** {@code false} turns off the built-in value detectors (cards, JWTs, AWS keys, private keys). */
    public static final String DETECTORS = "LAMBDA_LENS_MASK_DETECTORS";
    /** What a masked value is replaced by. */
    public static final String DEFAULT_MASK = "****";
    /** Names masked when they are the whole name (after normalising). */
    public static final List<String> DEFAULT_NAMES = List.of("pwd", "pin", "cvv", "cvc", "cvv2", "ssn",
            "card_number", "cardnumber", "credit_card", "ccnumber", "iban", "x-api-key", "api_key",
            "private_key", "signature", "x-amz-signature");
    /** Words that make any name containing them sensitive (after normalising). */
    public static final List<String> SENSITIVE_WORDS = List.of("password", "passwd", "passphrase", "secret",
            "token", "apikey", "authorization", "cookie", "credential", "privatekey", "session");

    private final List<String> names;
    private final List<String> kept;
    private final List<Pattern> patterns;
    private final boolean defaults;
    private final boolean detectors;
    private final String mask;

    private MaskingSettings(List<String> names, List<String> kept, List<Pattern> patterns, boolean defaults,
                            boolean detectors, String mask) {
        this.names = List.copyOf(names);
        this.kept = List.copyOf(kept);
        this.patterns = List.copyOf(patterns);
        this.defaults = defaults;
        this.detectors = detectors;
        this.mask = mask;
    }

    /** The defaults, nothing configured. */
    public static MaskingSettings defaults() {
        return new MaskingSettings(List.of(), List.of(), List.of(), true, true, DEFAULT_MASK);
    }

    /** The settings {@code configuration} gives; every unusable value is reported once and ignored. */
    public static MaskingSettings from(Configuration configuration, Diagnostics diagnostics) {
        SettingsReader reader = new SettingsReader(configuration, diagnostics);
        List<String> names = new ArrayList<>(reader.list(FIELDS));
        names.addAll(reader.list(FIELDS_LEGACY));
        List<Pattern> patterns = new ArrayList<>();
        addPatterns(patterns, configuration.get(VALUES, null), VALUES, reader);
        addPatterns(patterns, configuration.get(VALUES_LEGACY, null), VALUES_LEGACY, reader);
        return new MaskingSettings(names, reader.list(KEEP), patterns, reader.bool(DEFAULTS, true),
                reader.bool(DETECTORS, true), DEFAULT_MASK);
    }

    private static void addPatterns(List<Pattern> patterns, String value, String key, SettingsReader reader) {
        if (value == null) {
            return;
        }
        for (String item : value.split(Pattern.quote(";;"))) {
            if (item.isBlank()) {
                continue;
            }
            try {
                patterns.add(Pattern.compile(item.trim()));
            } catch (PatternSyntaxException e) {
                reader.invalid(key, item, "is not a valid regular expression (" + e.getDescription() + " at index "
                        + e.getIndex() + ")", "it is left out, the other masks apply");
            }
        }
    }

    /** These settings with {@code more} names masked. */
    public MaskingSettings withNames(Collection<String> more) {
        return new MaskingSettings(plus(names, more), kept, patterns, defaults, detectors, mask);
    }

    /** These settings with {@code more} names kept. */
    public MaskingSettings withKept(Collection<String> more) {
        return new MaskingSettings(names, plus(kept, more), patterns, defaults, detectors, mask);
    }

    /** {@code names} and the non-blank ones of {@code more}, trimmed. A loop, not a stream: this runs at cold start. */
    private static List<String> plus(List<String> names, Collection<String> more) {
        List<String> all = new ArrayList<>(names);
        for (String name : more) {
            if (name != null && !name.isBlank()) {
                all.add(name.trim());
            }
        }
        return all;
    }

    /**
     * These settings with the {@code regexes} that compile added; each one that does not is reported once,
     * naming {@code source}, and left out.
     */
    public MaskingSettings withPatterns(Collection<String> regexes, String source, Diagnostics diagnostics) {
        List<Pattern> all = new ArrayList<>(patterns);
        SettingsReader reader = new SettingsReader(Configuration.of(java.util.Map.of()), diagnostics);
        for (String regex : regexes) {
            addPatterns(all, regex, source, reader);
        }
        return new MaskingSettings(names, kept, all, defaults, detectors, mask);
    }

    /** These settings with the default names and words on or off. */
    public MaskingSettings withDefaults(boolean on) {
        return new MaskingSettings(names, kept, patterns, on, detectors, mask);
    }

    /** These settings with the value detectors on or off. */
    public MaskingSettings withDetectors(boolean on) {
        return new MaskingSettings(names, kept, patterns, defaults, on, mask);
    }

    /** These settings with {@code replacement} written for masked values. */
    public MaskingSettings withMask(String replacement) {
        return new MaskingSettings(names, kept, patterns, defaults, detectors,
                Objects.requireNonNull(replacement, "mask"));
    }

    /** The configured names (beyond the defaults). */
    public List<String> names() {
        return names;
    }

    /** The names never masked by name. */
    public List<String> kept() {
        return kept;
    }

    /** The configured value patterns. */
    public List<Pattern> patterns() {
        return patterns;
    }

    /** Whether the default names and sensitive words apply. */
    public boolean defaultNames() {
        return defaults;
    }

    /** Whether the built-in value detectors apply. */
    public boolean detectors() {
        return detectors;
    }

    /** The replacement for a masked value. */
    public String mask() {
        return mask;
    }
}
