package io.github.dbbackup.examples.cli;

import io.github.dbbackup.core.Codecs;
import io.github.dbbackup.core.catalog.VerificationLevel;
import io.github.dbbackup.core.restore.RestoreMode;
import io.github.dbbackup.core.spi.Codec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters; a bad value is a usage error (exit 2) naming the accepted forms. */
final class Converters {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})([dhm])");

    private Converters() {
    }

    /**
     * Parses {@code 30d}, {@code 36h}, {@code 90m} (days, hours, minutes) or ISO-8601 ({@code P30D},
     * {@code PT36H}).
     *
     * @param text the value
     * @return the duration, positive
     * @throws TypeConversionException when the value is neither form or not positive
     */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(value);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
        } else {
            try {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + text + "' is not a duration; use e.g. 30d, 36h, 90m or ISO-8601"
                        + " such as P30D or PT36H");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new TypeConversionException("'" + text + "' is not a positive duration; use e.g. 30d");
        }
        return d;
    }

    /** {@code --max-age}: see {@link #duration(String)}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }

    /** {@code --now}: an ISO-8601 instant such as {@code 2026-11-29T03:00:00Z}. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant; use e.g."
                        + " 2026-11-29T03:00:00Z");
            }
        }
    }

    /** {@code --mode empty-only|upsert|replace}. */
    static final class ModeConverter implements ITypeConverter<RestoreMode> {
        @Override
        public RestoreMode convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "empty-only" -> RestoreMode.EMPTY_ONLY;
                case "upsert" -> RestoreMode.UPSERT;
                case "replace" -> RestoreMode.REPLACE;
                default -> throw new TypeConversionException("'" + value + "' is not a mode; use empty-only, upsert or"
                        + " replace");
            };
        }
    }

    /** {@code --level quick|full}. */
    static final class LevelConverter implements ITypeConverter<VerificationLevel> {
        @Override
        public VerificationLevel convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "quick" -> VerificationLevel.QUICK;
                case "full" -> VerificationLevel.FULL;
                default -> throw new TypeConversionException("'" + value + "' is not a level; use quick or full");
            };
        }
    }

    /** {@code --codec gzip|zstd}; zstd comes from backup-codec-zstd, which the CLI bundles. */
    static final class CodecConverter implements ITypeConverter<Codec> {
        @Override
        public Codec convert(String value) {
            String id = value.trim().toLowerCase(Locale.ROOT);
            if (!id.equals("gzip") && !id.equals("zstd")) {
                throw new TypeConversionException("'" + value + "' is not a codec; use gzip or zstd");
            }
            try {
                return Codecs.byId(id);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--codec " + id + " is not available in this build: " + e.getMessage());
            }
        }
    }

    /** What {@code --triggers} asks for. */
    enum Triggers {
        /** Keep user triggers from firing where the database and role allow it (the default). */
        DISABLE,
        /** Let user triggers fire. */
        KEEP
    }

    /** {@code --triggers disable|keep}. */
    static final class TriggersConverter implements ITypeConverter<Triggers> {
        @Override
        public Triggers convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "disable" -> Triggers.DISABLE;
                case "keep" -> Triggers.KEEP;
                default -> throw new TypeConversionException("'" + value + "' is not a trigger mode; use disable or keep");
            };
        }
    }
}
