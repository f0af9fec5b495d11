package dev.newsflow.ingest.formats;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publication times as pages write them: ISO 8601 in metadata ({@code 2026-03-10T14:30:00Z}, with or without a
 * zone, or a date alone), and the dates of a byline as readers see them ("March 10, 2026, 2:30 PM UTC",
 * "Tue 10 Mar 2026 14.30 GMT", "10 March 2026", "February 3, 2026 at 4:00 AM EST", "09:00, 3 February 2026",
 * "Published: 2026-03-10"). A time without a zone is taken as UTC.
 */
final class PageDates {

    private static final Pattern LABEL = Pattern.compile("^(?:(?:first\\s+)?published(?:\\s+on)?|updated(?:\\s+on)?|posted(?:\\s+on)?"
            + "|date|last\\s+modified)\\s*:?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEKDAY = Pattern.compile("^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+", Pattern.CASE_INSENSITIVE);
    private static final List<DateTimeFormatter> WRITTEN = List.of(
            written("MMMM d[,] uuuu[[,] ['at ']h[:mm][.mm] a[ XXX]]"),
            written("MMM[.] d[,] uuuu[[,] ['at ']h[:mm][.mm] a[ XXX]]"),
            written("d MMMM uuuu[[,] ['at ']HH[:mm][.mm][ XXX]]"),
            written("d MMM[.] uuuu[[,] ['at ']HH[:mm][.mm][ XXX]]"),
            written("HH:mm[,] d MMMM uuuu"),
            written("HH:mm[,] d MMM[.] uuuu"),
            written("d MMMM uuuu[[,] h[:mm][.mm] a[ XXX]]"),
            written("uuuu-MM-dd[[ ]['T']HH:mm[:ss][ XXX]]"));

    // Zone abbreviations of news bylines; Java's zone names read some of them otherwise (BST as Bougainville).
    private static final Map<String, String> ZONES = Map.ofEntries(Map.entry("UTC", "Z"), Map.entry("GMT", "Z"),
            Map.entry("BST", "+01:00"), Map.entry("CET", "+01:00"), Map.entry("CEST", "+02:00"), Map.entry("EET", "+02:00"),
            Map.entry("EEST", "+03:00"), Map.entry("MSK", "+03:00"), Map.entry("IST", "+05:30"), Map.entry("JST", "+09:00"),
            Map.entry("AEST", "+10:00"), Map.entry("AEDT", "+11:00"), Map.entry("EST", "-05:00"), Map.entry("EDT", "-04:00"),
            Map.entry("CST", "-06:00"), Map.entry("CDT", "-05:00"), Map.entry("MST", "-07:00"), Map.entry("MDT", "-06:00"),
            Map.entry("PST", "-08:00"), Map.entry("PDT", "-07:00"));
    private static final Pattern ZONE = Pattern.compile("\\s([A-Z]{3,4})$");
    // "+0000": the offset without its colon, as some publishers' metadata writes it.
    private static final Pattern BASIC_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private PageDates() {
    }

    /** A machine-readable time from metadata, or null. */
    static OffsetDateTime ofMetadata(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.contains("T")) {
            text = BASIC_OFFSET.matcher(text).replaceFirst("$1:$2");
        }
        try {
            return OffsetDateTime.parse(text);
        }
        catch (DateTimeParseException notOffset) {
            try {
                return ZonedDateTime.parse(text).toOffsetDateTime();
            }
            catch (DateTimeParseException notZoned) {
                try {
                    return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
                }
                catch (DateTimeParseException notLocal) {
                    return ofLine(text);
                }
            }
        }
    }

    /** The time a line of text gives, if the line is a date and nothing else, or null. */
    static OffsetDateTime ofLine(String line) {
        String text = line.strip();
        if (text.length() > 60 || text.isEmpty() || !Character.isLetterOrDigit(text.charAt(0)) && text.charAt(0) != '(') {
            return null;
        }
        text = WEEKDAY.matcher(LABEL.matcher(text).replaceFirst("")).replaceFirst("").replaceAll("\\s+", " ").strip();
        text = text.replaceAll("(?i)\\b(a\\.m\\.|am)\\b", "AM").replaceAll("(?i)\\b(p\\.m\\.|pm)\\b", "PM");
        Matcher zone = ZONE.matcher(text);
        if (zone.find() && ZONES.containsKey(zone.group(1))) {
            text = text.substring(0, zone.start()) + " " + ZONES.get(zone.group(1));
        }
        for (DateTimeFormatter format : WRITTEN) {
            try {
                TemporalAccessor parsed = format.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
                if (parsed instanceof ZonedDateTime zoned) {
                    return zoned.toOffsetDateTime();
                }
                if (parsed instanceof LocalDateTime local) {
                    return local.atOffset(ZoneOffset.UTC);
                }
                return ((LocalDate) parsed).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            catch (DateTimeParseException ex) {
                // Not this way of writing a date: the next one.
            }
        }
        return null;
    }

    private static DateTimeFormatter written(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
    }
}
