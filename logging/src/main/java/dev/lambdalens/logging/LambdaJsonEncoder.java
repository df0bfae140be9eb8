package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.MaskingSettings;
import dev.lambdalens.core.spi.MaskingPolicy;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.logging.internal.FallbackLine;
import dev.lambdalens.logging.internal.LineBuffer;
import dev.lambdalens.logging.internal.LineFormatter;
import dev.lambdalens.logging.internal.MaskingGenerator;
import dev.lambdalens.logging.internal.SafeMessageJsonProvider;
import dev.lambdalens.logging.internal.ReservedKeys;
import dev.lambdalens.logging.internal.StructuredArgumentsJsonProvider;
import dev.lambdalens.logging.internal.UserFieldsJsonProvider;
import net.logstash.logback.composite.AbstractCompositeJsonFormatter;
import net.logstash.logback.composite.JsonProvider;
import net.logstash.logback.composite.JsonProviders;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.MdcJsonProvider;
import net.logstash.logback.decorate.JsonGeneratorDecorator;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import net.logstash.logback.mask.PathBasedFieldMasker;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes each log event as one line of JSON with Powertools' key names, the Lambda context, the X-Ray trace id,
 * keys, MDC, SLF4J key-value pairs and logstash structured arguments. Name it in your own logback.xml:
 *
 * <pre>{@code
 * <appender name="JSON" class="dev.lambdalens.logging.LambdaJsonAppender">
 *   <encoder class="dev.lambdalens.logging.LambdaJsonEncoder">
 *     <maskedField>iban</maskedField>
 *   </encoder>
 * </appender>
 * }</pre>
 *
 * <p>Each field group is one small logstash {@code JsonProvider}; {@code <providers>} given in XML are written
 * after the default ones (or instead of them with {@code <includeDefaultProviders>false</includeDefaultProviders>}).
 *
 * <p>Masking applies to every value this encoder writes, at any depth, while streaming (the logged objects are
 * never modified): the runtime's {@link MaskingSettings} (sensitive names, JSON inside strings, value detectors,
 * configured patterns) plus the names, kept names and patterns given here, and configured logstash paths; a
 * masked value is replaced by {@code ****}.
 *
 * <p>Jackson's {@code ObjectMapper} (about 100 ms and 300 classes at cold start) is created only when a line
 * first serializes an object (a bean, map or list as a key, key-value pair, structured argument, event or
 * response); strings, numbers, booleans, MDC, ids and exceptions are written with jackson-core alone. Only a
 * configured {@code <jsonFactoryDecorator>} gets the mapper at start, as in logstash, since such decorators
 * customize it through {@code factory.getCodec()}.
 *
 * <p>Every line is valid single-line JSON: control characters are escaped; a line whose fields cannot be
 * serialized is replaced by one with the message, ids and a note; a line over {@link #setMaxLineBytes(int)} is
 * replaced by one with the message cut to fit and a truncation marker.
 */
public class LambdaJsonEncoder extends LoggingEventCompositeJsonEncoder {
    /** Below CloudWatch Logs' 256 KiB event limit, with room for Lambda's own framing. */
    public static final int DEFAULT_MAX_LINE_BYTES = 256_000;
    /** The smallest line cap: a cut line still needs room for its ids, the error's type and a marker. */
    public static final int MIN_MAX_LINE_BYTES = 2048;

    private final List<String> maskedFields = new ArrayList<>();
    private final List<String> maskedPaths = new ArrayList<>();
    private final List<String> maskedValues = new ArrayList<>();
    private final List<String> keptFields = new ArrayList<>();
    private String mask = "****";
    private boolean includeDefaultProviders = true;
    private boolean defaultMasks = true;
    private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
    private String service;
    private Configuration configuration;
    private Diagnostics diagnostics;
    private byte[] lineSeparatorBytes;
    /** The policy of this encoder's lines, for the fallback lines written without the generator. */
    private MaskingPolicy masking;

    /** Adds a field name to mask, at any depth, ignoring case. */
    public void addMaskedField(String name) {
        maskedFields.add(Objects.requireNonNull(name, "name").trim());
    }

    /** Adds a field name never masked by name (an allow list entry); value detectors still apply to it. */
    public void addKeptField(String name) {
        keptFields.add(Objects.requireNonNull(name, "name").trim());
    }

    /** Adds a logstash mask path: {@code a/b} masks field b inside a; a single name matches at any depth. */
    public void addMaskedPath(String path) {
        maskedPaths.add(Objects.requireNonNull(path, "path").trim());
    }

    /** Adds a regular expression; its matches inside string values are masked. */
    public void addMaskedValue(String regex) {
        maskedValues.add(Objects.requireNonNull(regex, "regex"));
    }

    /** The replacement written for masked values; {@code ****} by default. */
    public void setMask(String mask) {
        this.mask = Objects.requireNonNull(mask, "mask");
    }

    /** Whether the default names and sensitive words ({@link MaskingSettings}) are masked; true by default. */
    public void setDefaultMasks(boolean defaultMasks) {
        this.defaultMasks = defaultMasks;
    }

    /** Whether the Lambda Lens fields are written before the providers configured in XML; true by default. */
    public void setIncludeDefaultProviders(boolean includeDefaultProviders) {
        this.includeDefaultProviders = includeDefaultProviders;
    }

    /**
     * The largest line written, in bytes with the line separator, at least {@value #MIN_MAX_LINE_BYTES}; longer
     * lines are cut. A smaller value is reported once and ignored: a typo in logback.xml must not stop logging.
     */
    public void setMaxLineBytes(int maxLineBytes) {
        if (maxLineBytes < MIN_MAX_LINE_BYTES) {
            diagnostics().reportOnce("logging:encoder:maxLineBytes:" + maxLineBytes, "LambdaJsonEncoder <maxLineBytes>"
                    + maxLineBytes + " is below " + MIN_MAX_LINE_BYTES + "; it is ignored and " + this.maxLineBytes
                    + " applies");
            return;
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** The {@code service} written on every line, instead of {@code POWERTOOLS_SERVICE_NAME}. */
    public void setService(String service) {
        this.service = service;
    }

    /** Where the masking variables are read; the global runtime's configuration by default. For tests. */
    public void setConfiguration(Configuration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    /** Where unusable options are reported; the global runtime's diagnostics by default. For tests. */
    public void setDiagnostics(Diagnostics diagnostics) {
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    private Diagnostics diagnostics() {
        return diagnostics != null ? diagnostics : LensRuntime.global().diagnostics();
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        JsonProviders<ILoggingEvent> configured = getProviders();
        if (includeDefaultProviders) {
            JsonProviders<ILoggingEvent> all = new JsonProviders<>();
            for (JsonProvider<ILoggingEvent> provider : defaultProviders()) {
                all.addProvider(provider);
            }
            for (JsonProvider<ILoggingEvent> provider : configured.getProviders()) {
                // Next to ours, a reserved key it writes would be a second key of that name.
                all.addProvider(new UserFieldsJsonProvider(provider));
            }
            setProviders(all);
        }
        setJsonGeneratorDecorator(maskingDecorator());
        super.start();
        String separator = getLineSeparator();
        lineSeparatorBytes = separator == null ? new byte[0] : separator.getBytes(Charset.forName(getEncoding()));
    }

    /**
     * logstash's formatter creates a Jackson {@code ObjectMapper} when it starts (about 100 ms and 300 classes
     * at cold start); this one creates it when a line first serializes an object.
     */
    @Override
    protected AbstractCompositeJsonFormatter<ILoggingEvent> createFormatter() {
        return new LineFormatter(this);
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[][] copy = new byte[1][];
        encodeTo(event, (encoded, bytes, length) -> copy[0] = Arrays.copyOf(bytes, length));
        return copy[0];
    }

    /**
     * Encodes {@code event} into the calling thread's reusable line buffer and hands the bytes to
     * {@code target} without copying them; they are only valid during that call.
     */
    void encodeTo(ILoggingEvent event, LineTarget target) {
        if (!isStarted()) {
            throw new IllegalStateException("Encoder is not started");
        }
        LineFormatter formatter = (LineFormatter) getFormatter();
        LineFormatter.Line line = formatter.acquire();
        try {
            LineBuffer bytes = line.bytes();
            byte[] replacement;
            try {
                writeWrapped(getPrefix(), event, bytes);
                formatter.write(line, event);
                writeWrapped(getSuffix(), event, bytes);
                bytes.write(lineSeparatorBytes, 0, lineSeparatorBytes.length);
                replacement = bytes.size() > maxLineBytes
                        ? FallbackLine.truncated(event, bytes.size(), maxLineBytes, getLineSeparator(), masking) : null;
            } catch (IOException | RuntimeException e) {
                // The cause's own message can be huge (Jackson lists the whole reference chain): the note is clipped.
                diagnostics().reportOnce("logging:encode:" + e.getClass().getName(),
                        "a log line could not be fully serialized (" + e.getClass().getSimpleName()
                                + "); it was written with its message, ids and a note");
                replacement = FallbackLine.serializationFailure(event, e, getLineSeparator(), masking);
            }
            if (replacement != null) {
                target.line(event, replacement, replacement.length);
            } else {
                target.line(event, bytes.array(), bytes.size());
            }
        } finally {
            formatter.release();
        }
    }

    private static void writeWrapped(Encoder<ILoggingEvent> encoder, ILoggingEvent event, LineBuffer bytes) {
        if (encoder != null) {
            byte[] data = encoder.encode(event);
            if (data != null) {
                bytes.write(data, 0, data.length);
            }
        }
    }

    /** Receives an encoded line: {@code length} bytes of {@code bytes}, valid only during the call. */
    interface LineTarget {
        void line(ILoggingEvent event, byte[] bytes, int length);
    }

    private List<JsonProvider<ILoggingEvent>> defaultProviders() {
        TimestampJsonProvider timestamp = new TimestampJsonProvider();
        LogLevelJsonProvider level = new LogLevelJsonProvider();
        level.setFieldName("level");
        SafeMessageJsonProvider message = new SafeMessageJsonProvider();
        LoggerNameJsonProvider logger = new LoggerNameJsonProvider();
        logger.setFieldName("logger");
        ServiceJsonProvider serviceProvider = new ServiceJsonProvider();
        serviceProvider.setService(service);
        MdcJsonProvider mdc = new MdcJsonProvider();
        KeyValuePairsJsonProvider keyValuePairs = new KeyValuePairsJsonProvider();
        for (String reserved : ReservedKeys.names()) {
            // String.concat, not '+': the first string concatenation of a JVM spins method handles (ms at cold start).
            String rename = reserved.concat("=").concat(ReservedKeys.RENAME_PREFIX).concat(reserved);
            mdc.addMdcKeyFieldName(rename);
            keyValuePairs.addKeyFieldName(rename);
        }
        StructuredArgumentsJsonProvider arguments = new StructuredArgumentsJsonProvider();
        return Arrays.asList(timestamp, level, message, logger, serviceProvider, new FunctionJsonProvider(),
                new InvocationIdsJsonProvider(), new CorrelationIdJsonProvider(), new SamplingRateJsonProvider(),
                new KeysJsonProvider(), mdc, keyValuePairs, arguments, new ErrorJsonProvider());
    }

    private JsonGeneratorDecorator maskingDecorator() {
        Configuration config = configuration != null ? configuration : LensRuntime.global().configuration();
        Diagnostics diagnostics = diagnostics();
        MaskingSettings settings = MaskingSettings.from(config, diagnostics).withNames(maskedFields)
                .withKept(keptFields).withPatterns(maskedValues, "the encoder's <maskedValue>", diagnostics)
                .withMask(mask);
        if (!defaultMasks) {
            settings = settings.withDefaults(false);
        }
        masking = MaskingPolicy.of(settings);
        JsonGeneratorDecorator policy = MaskingGenerator.decorator(masking);
        List<String> paths = validPaths(maskedPaths, "the encoder's <maskedPath>", diagnostics);
        paths.addAll(validPaths(split(config.get(LoggingSettings.MASK_PATHS, null), ","), LoggingSettings.MASK_PATHS,
                diagnostics));
        if (paths.isEmpty()) {
            return policy;
        }
        // Paths are rarer and cost more per field: logstash's masking, only when asked for.
        MaskingJsonGeneratorDecorator byPath = new MaskingJsonGeneratorDecorator();
        byPath.setDefaultMask(mask);
        paths.forEach(byPath::addPath);
        byPath.start();
        return generator -> policy.decorate(byPath.decorate(generator));
    }

    /** The mask paths logstash accepts; each other one is reported once and left out, as with patterns. */
    private static List<String> validPaths(List<String> paths, String source, Diagnostics diagnostics) {
        List<String> valid = new ArrayList<>(paths.size());
        for (String path : paths) {
            try {
                new PathBasedFieldMasker(path, "");
                valid.add(path);
            } catch (IllegalArgumentException e) {
                diagnostics.reportOnce("logging:mask-path:" + source + ":" + Diagnostics.shorten(path), source + " '"
                        + Diagnostics.shorten(path) + "' is not a mask path (" + e.getMessage()
                        + "; e.g. password or body/card/number); it is left out, the other masks apply");
            }
        }
        return valid;
    }

    private static List<String> split(String value, String separator) {
        List<String> parts = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(java.util.regex.Pattern.quote(separator))) {
                if (!part.isBlank()) {
                    parts.add(part.trim());
                }
            }
        }
        return parts;
    }
}
