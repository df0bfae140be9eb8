package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import net.logstash.logback.composite.AbstractFieldJsonProvider;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes {@code timestamp} as ISO-8601 in UTC with milliseconds, {@code 2026-11-25T09:06:43.120Z}. The part up
 * to the seconds is formatted once per second and reused, so a line costs a few character copies instead of a
 * {@link DateTimeFormatter} run.
 */
public final class TimestampJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {
    private static final DateTimeFormatter UP_TO_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

    private volatile Second cached;

    public TimestampJsonProvider() {
        setFieldName("timestamp");
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        long millis = event.getTimeStamp();
        long epochSecond = Math.floorDiv(millis, 1000L);
        int milli = (int) Math.floorMod(millis, 1000L);
        Second second = cached;
        if (second == null || second.epochSecond != epochSecond) {
            second = new Second(epochSecond, UP_TO_SECONDS.format(Instant.ofEpochSecond(epochSecond)).toCharArray());
            cached = second;
        }
        int prefix = second.prefix.length;
        char[] text = new char[prefix + 4];
        System.arraycopy(second.prefix, 0, text, 0, prefix);
        text[prefix] = (char) ('0' + milli / 100);
        text[prefix + 1] = (char) ('0' + milli / 10 % 10);
        text[prefix + 2] = (char) ('0' + milli % 10);
        text[prefix + 3] = 'Z';
        generator.writeFieldName(getFieldName());
        generator.writeString(text, 0, text.length);
    }

    private static final class Second {
        final long epochSecond;
        final char[] prefix;

        Second(long epochSecond, char[] prefix) {
            this.epochSecond = epochSecond;
            this.prefix = prefix;
        }
    }
}
