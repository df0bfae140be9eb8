package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lambdalens.logging.internal.EncodedText;
import net.logstash.logback.composite.AbstractFieldJsonProvider;

import java.io.IOException;

/**
 * Writes {@code timestamp} as ISO-8601 in UTC with milliseconds, {@code 2026-11-25T09:06:43.120Z}.
 *
 * <p>The date is computed by hand rather than with {@code java.time}: a {@code DateTimeFormatter} costs a few
 * milliseconds of class loading and pattern parsing at cold start, for a format that never changes. The text of
 * the last millisecond is kept, so lines written in the same millisecond share it, and a new millisecond of the
 * same second only changes the last four characters. Years outside 0000..9999 (never a real log time) fall back
 * to {@code java.time}.
 */
public final class TimestampJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {
    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}. */
    private static final int LENGTH = 24;
    /** Up to and with the dot before the milliseconds. */
    private static final int SECOND_PREFIX = 20;
    private static final long MIN_MILLIS = -62_167_219_200_000L; // 0000-01-01T00:00:00Z
    private static final long MAX_MILLIS = 253_402_300_799_999L; // 9999-12-31T23:59:59.999Z

    /** The last millisecond written and its text; replaced, never modified, so threads can share it. */
    private volatile Stamp last = new Stamp(Long.MIN_VALUE, null);
    private final EncodedText fieldName = new EncodedText();

    public TimestampJsonProvider() {
        setFieldName("timestamp");
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        long millis = event.getTimeStamp();
        generator.writeFieldName(fieldName.of(getFieldName()));
        if (millis < MIN_MILLIS || millis > MAX_MILLIS) {
            generator.writeString(OutsideFourDigitYears.FORMAT.format(java.time.Instant.ofEpochMilli(millis)));
            return;
        }
        Stamp stamp = last;
        if (stamp.millis != millis) {
            stamp = new Stamp(millis, format(millis, stamp));
            last = stamp;
        }
        generator.writeString(stamp.text, 0, LENGTH);
    }

    /** The text of {@code millis}, reusing the date and time of {@code previous} when it is the same second. */
    private static char[] format(long millis, Stamp previous) {
        char[] text = new char[LENGTH];
        long second = Math.floorDiv(millis, 1000L);
        if (previous.text != null && Math.floorDiv(previous.millis, 1000L) == second) {
            System.arraycopy(previous.text, 0, text, 0, SECOND_PREFIX);
        } else {
            writeDateAndTime(second, text);
        }
        int milli = (int) Math.floorMod(millis, 1000L);
        text[20] = (char) ('0' + milli / 100);
        text[21] = (char) ('0' + milli / 10 % 10);
        text[22] = (char) ('0' + milli % 10);
        text[23] = 'Z';
        return text;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.} of an epoch second (proleptic Gregorian calendar, as ISO-8601). */
    private static void writeDateAndTime(long epochSecond, char[] text) {
        long day = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        // Days to civil date (H. Hinnant's algorithm): eras of 400 years starting on March 1st.
        long shifted = day + 719_468L;
        long era = Math.floorDiv(shifted, 146_097L);
        long dayOfEra = shifted - era * 146_097L;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        digits(text, 0, year / 100);
        digits(text, 2, year % 100);
        text[4] = '-';
        digits(text, 5, month);
        text[7] = '-';
        digits(text, 8, dayOfMonth);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60);
        text[19] = '.';
    }

    private static void digits(char[] text, int at, int twoDigits) {
        text[at] = (char) ('0' + twoDigits / 10);
        text[at + 1] = (char) ('0' + twoDigits % 10);
    }

    /** Loaded only for a year outside 0000..9999. */
    private static final class OutsideFourDigitYears {
        static final java.time.format.DateTimeFormatter FORMAT = java.time.format.DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
    }

    private static final class Stamp {
        final long millis;
        final char[] text;

        Stamp(long millis, char[] text) {
            this.millis = millis;
            this.text = text;
        }
    }
}
