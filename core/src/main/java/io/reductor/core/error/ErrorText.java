package io.reductor.core.error;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text helpers for exception messages: one line, bounded length, no credentials. */
final class ErrorText {

    /** The longest piece of a response body quoted in a message. */
    static final int MAX_QUOTED = 500;

    static final String REDACTED = "[REDACTED]";

    /** Line breaks, tabs and other control characters: runs of them become one space; plain spaces are kept. */
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\s\\p{Cntrl}&&[^ ]]+");
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)\\b(bearer)\\s+(?=[A-Za-z0-9._~+/=-]*\\d)[A-Za-z0-9._~+/=-]{8,}");

    private ErrorText() {
    }

    /**
     * Makes {@code text} fit a one-line message: line breaks, tabs and control characters collapsed into a space
     * (plain spaces are kept as they are, so a value quoted from the request shows any stray space it had), each of
     * {@code secrets} and anything that looks like a bearer credential (a token of 8 or more characters with a digit)
     * replaced, and the result cut at {@code max} characters.
     */
    static String clean(String text, Collection<String> secrets, int max) {
        if (text == null) {
            return "";
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, REDACTED);
        }
        result = CREDENTIAL.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + " " + REDACTED));
        result = LINE_BREAKS.matcher(result).replaceAll(" ").strip();
        return cap(result, max);
    }

    /** {@code text} cut to at most {@code max} characters (plus an ellipsis), never splitting a surrogate pair. */
    static String cap(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + "...";
    }

    /** A short human form of a duration: {@code 250ms}, {@code 2s}, {@code 1.5s}. */
    static String duration(Duration duration) {
        if (duration.isNegative()) {
            return "-" + duration(duration.negated());
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + "ms";
        }
        if (duration.getNano() == 0) {
            return duration.getSeconds() + "s";
        }
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds())
                .add(BigDecimal.valueOf(duration.getNano() / 1_000_000, 3));
        return seconds.stripTrailingZeros().toPlainString() + "s";
    }
}
