package io.reductor.core.error;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.JsonCodec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an HTTP failure response from Reducto into the matching {@link ReductoApiException} subclass with a readable
 * message. It understands every error body shape the service is known to send:
 * <ul>
 *   <li>FastAPI validation errors, {@code {"detail":[{"loc":[...],"msg":"...","type":"..."}]}};</li>
 *   <li>{@code {"detail":"text"}};</li>
 *   <li>{@code {"error":{"code":401,"name":"AUTH_ERROR","message":"..."}}} and
 *       {@code {"error":{"message":"...","type":"...","code":400}}}, alone or next to a {@code detail} string;</li>
 *   <li>{@code {"message":"[CODE 1000] ..."}} (rate limits);</li>
 *   <li>HTML pages (nginx answers a request without an API key with a 403 page), plain text, a bare JSON string,
 *       other JSON, and an empty body.</li>
 * </ul>
 * The parser never throws: a body it cannot read still yields an exception carrying the raw text.
 */
public final class ApiErrors {

    private static final Pattern LIMIT_CODE = Pattern.compile("\\[\\s*CODE\\s*(\\d{1,9})\\s*]", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern HTML_H1 = Pattern.compile("(?is)<h1[^>]*>(.*?)</h1>");
    private static final Pattern XML_MESSAGE = Pattern.compile("(?s)<Message>(.*?)</Message>");
    private static final Pattern XML_CODE = Pattern.compile("(?s)<Code>(.*?)</Code>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern HTML_MARKERS = Pattern.compile("(?i)<!doctype\\s+html|<html|<head|<body|<title");

    /** The most validation issues spelled out in a message; the rest are counted. */
    private static final int MAX_ISSUES_IN_MESSAGE = 10;
    /** How much of a body is searched for markers such as {@code [CODE 1000]} or an HTML title. */
    private static final int MAX_SCAN = 64 * 1024;

    private ApiErrors() {
    }

    /**
     * Builds the exception for a failure response.
     *
     * @param status  the HTTP status code
     * @param headers the response headers (any case; {@code null} means none)
     * @param body    the response body as received ({@code null} means empty); copied
     * @param clock   the clock against which a {@code Retry-After} HTTP date is measured ({@code null} means the
     *                system clock)
     * @return the exception for the status family: {@link BadRequestException} (400), {@link AuthenticationException}
     *         (401), {@link PermissionDeniedException} (403), {@link NotFoundException} (404),
     *         {@link ConflictException} (409), {@link UnprocessableEntityException} (422), {@link RateLimitException}
     *         (429), {@link PasswordProtectedDocumentException} (442), {@link InternalServerException} (5xx), otherwise
     *         {@link UnexpectedStatusException}
     */
    public static ReductoApiException fromResponse(int status, Map<String, List<String>> headers, byte[] body,
            Clock clock) {
        byte[] raw = body == null ? new byte[0] : body.clone();
        Parsed parsed;
        try {
            parsed = parse(status, headers, raw, clock == null ? Clock.systemUTC() : clock);
        } catch (RuntimeException | StackOverflowError e) {
            parsed = fallback(status, headers, raw);
        }
        return create(parsed);
    }

    /** Like {@link #fromResponse(int, Map, byte[], Clock)}, measuring HTTP dates against the system clock. */
    public static ReductoApiException fromResponse(int status, Map<String, List<String>> headers, byte[] body) {
        return fromResponse(status, headers, body, Clock.systemUTC());
    }

    /**
     * How long a response asks the client to wait before retrying, as the official SDKs read it:
     * {@code retry-after-ms} (milliseconds, may be fractional) when present and valid, else {@code Retry-After} as
     * seconds (may be fractional) or as an HTTP date, measured against {@code clock} (a date in the past gives zero).
     * Header names are matched ignoring case. Empty when neither header is present or readable; negative values are
     * unreadable. The result is not capped (an absurdly large number gives an absurdly long duration, never an empty
     * one): applying a ceiling is the retry policy's business.
     */
    public static Optional<Duration> retryAfter(Map<String, List<String>> headers, Clock clock) {
        Optional<Duration> millis = ResponseHeaders.first(headers, "retry-after-ms").flatMap(v -> decimal(v, 3));
        if (millis.isPresent()) {
            return millis;
        }
        Optional<String> header = ResponseHeaders.first(headers, "retry-after").map(String::strip);
        if (header.isEmpty() || header.get().isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> seconds = decimal(header.get(), 0);
        if (seconds.isPresent()) {
            return seconds;
        }
        Clock now = clock == null ? Clock.systemUTC() : clock;
        return httpDate(header.get(), now).map(date -> {
            Duration wait = Duration.between(now.instant(), date);
            return wait.isNegative() ? Duration.ZERO : wait;
        });
    }

    /** What {@link ApiErrors} read from a response; the input of every {@link ReductoApiException} constructor. */
    record Parsed(int status, Map<String, List<String>> headers, byte[] body, String message, String errorCode,
                  String errorName, List<ValidationIssue> issues, Duration retryAfter, Integer limitCode) {
    }

    private static ReductoApiException create(Parsed parsed) {
        int status = parsed.status();
        if (status >= 500 && status <= 599) {
            return new InternalServerException(parsed);
        }
        return switch (status) {
            case 400 -> new BadRequestException(parsed);
            case 401 -> new AuthenticationException(parsed);
            case 403 -> new PermissionDeniedException(parsed);
            case 404 -> new NotFoundException(parsed);
            case 409 -> new ConflictException(parsed);
            case 422 -> new UnprocessableEntityException(parsed);
            case 429 -> new RateLimitException(parsed);
            case 442 -> new PasswordProtectedDocumentException(parsed);
            default -> new UnexpectedStatusException(parsed);
        };
    }

    /** What the body says, before it becomes a message. */
    private static final class Reading {
        final Set<String> parts = new LinkedHashSet<>();
        final List<String> notes = new ArrayList<>();
        List<ValidationIssue> issues = List.of();
        String errorCode;
        String errorName;
        Integer limitCode;

        void add(String part) {
            if (part != null && !part.isBlank()) {
                parts.add(part.strip());
            }
        }
    }

    private static Parsed parse(int status, Map<String, List<String>> headers, byte[] raw, Clock clock) {
        Map<String, List<String>> safeHeaders = ResponseHeaders.normalize(headers);
        Set<String> secrets = ResponseHeaders.secrets(headers);
        String text = new String(raw, StandardCharsets.UTF_8);
        String trimmed = text.strip();
        Reading reading = new Reading();

        if (trimmed.isEmpty()) {
            reading.notes.add("empty body");
        } else if (startsLikeJson(trimmed)) {
            JsonNode root = null;
            try {
                root = JsonCodec.standard().readTree(raw);
            } catch (RuntimeException e) {
                reading.add(text);
            }
            if (root != null) {
                readJson(root, reading);
            }
        } else if (trimmed.startsWith("<")) {
            readMarkup(status, trimmed, contentType(headers), reading);
        } else {
            reading.add(text);
        }

        Matcher code = LIMIT_CODE.matcher(text.length() > MAX_SCAN ? text.substring(0, MAX_SCAN) : text);
        if (code.find()) {
            reading.limitCode = Integer.valueOf(code.group(1));
            if (reading.errorCode == null) {
                reading.errorCode = code.group(1);
            }
        }

        Duration retryAfter = retryAfter(headers, clock).orElse(null);
        String message = message(status, reading, retryAfter, ReductoApiException.requestId(safeHeaders), secrets);
        return new Parsed(status, safeHeaders, raw, message, reading.errorCode, reading.errorName, reading.issues,
                retryAfter, reading.limitCode);
    }

    private static boolean startsLikeJson(String trimmed) {
        char first = trimmed.charAt(0);
        return first == '{' || first == '[' || first == '"';
    }

    private static void readJson(JsonNode root, Reading reading) {
        if (root.isTextual()) {
            reading.add(root.textValue());
            return;
        }
        if (!root.isObject()) {
            reading.add(root.toString());
            return;
        }
        JsonNode detail = root.get("detail");
        JsonNode error = root.get("error");
        if (detail != null && detail.isArray()) {
            reading.issues = issues(detail);
            reading.add(describe(reading.issues));
        }
        if (error != null && error.isObject()) {
            reading.add(text(error.get("message")));
            reading.errorName = firstNonBlank(text(error.get("name")), text(error.get("type")));
            reading.errorCode = text(error.get("code"));
            if (reading.parts.isEmpty() && reading.errorName == null && !hasText(detail) && !hasText(root.get("message"))) {
                reading.add(error.toString());
            }
        } else if (error != null && !error.isNull()) {
            reading.add(error.isValueNode() ? error.asText() : error.toString());
        }
        if (detail != null && detail.isValueNode() && !detail.isNull()) {
            reading.add(detail.asText());
        } else if (detail != null && detail.isObject()) {
            reading.add(firstNonBlank(text(detail.get("message")), text(detail.get("msg")), detail.toString()));
        }
        reading.add(text(root.get("message")));
        if (reading.errorCode == null) {
            reading.errorCode = text(root.get("code"));
        }
        if (reading.parts.isEmpty() && reading.errorName == null) {
            reading.add(root.toString());
        }
    }

    /** The FastAPI validation issues of a {@code detail} list; entries that do not decode are kept leniently. */
    private static List<ValidationIssue> issues(JsonNode detail) {
        List<ValidationIssue> issues = new ArrayList<>();
        for (JsonNode item : detail) {
            if (item.isObject()) {
                try {
                    issues.add(JsonCodec.standard().decode(item, ValidationIssue.class));
                } catch (RuntimeException e) {
                    issues.add(leniently(item));
                }
            } else if (!item.isNull()) {
                issues.add(new ValidationIssue(List.of(), item.isValueNode() ? item.asText() : item.toString(), null,
                        null, null, Map.of()));
            }
        }
        return List.copyOf(issues);
    }

    private static ValidationIssue leniently(JsonNode item) {
        List<Object> loc = null;
        JsonNode locNode = item.get("loc");
        if (locNode != null && locNode.isArray()) {
            loc = new ArrayList<>();
            for (JsonNode part : locNode) {
                loc.add(part.isIntegralNumber() ? (Object) part.numberValue() : part.asText());
            }
        }
        JsonNode input = item.get("input");
        return new ValidationIssue(loc, firstNonBlank(text(item.get("msg")), item.toString()), text(item.get("type")),
                input, item.get("ctx"), Map.of());
    }

    private static String describe(List<ValidationIssue> issues) {
        List<String> described = new ArrayList<>();
        for (ValidationIssue issue : issues.subList(0, Math.min(issues.size(), MAX_ISSUES_IN_MESSAGE))) {
            StringBuilder one = new StringBuilder();
            String location = issue.location();
            if (!location.isEmpty()) {
                one.append(location).append(": ");
            }
            one.append(issue.msg() == null || issue.msg().isBlank() ? "invalid" : issue.msg());
            if (issue.type() != null && !issue.type().isBlank()) {
                one.append(" (").append(issue.type()).append(')');
            }
            described.add(one.toString());
        }
        if (issues.size() > MAX_ISSUES_IN_MESSAGE) {
            described.add("and " + (issues.size() - MAX_ISSUES_IN_MESSAGE) + " more");
        }
        return String.join("; ", described);
    }

    private static void readMarkup(int status, String trimmed, String contentType, Reading reading) {
        String head = trimmed.length() > MAX_SCAN ? trimmed.substring(0, MAX_SCAN) : trimmed;
        boolean html = contentType.contains("html") || HTML_MARKERS.matcher(head).find();
        if (html) {
            String title = markupText(HTML_TITLE, head);
            if (title == null) {
                title = markupText(HTML_H1, head);
            }
            reading.add(title == null ? "HTML page" : "HTML page \"" + ErrorText.cap(title, 120) + "\"");
            if (status == 403) {
                reading.notes.add("Reducto answers a request without an API key this way");
            }
            return;
        }
        String message = markupText(XML_MESSAGE, head);
        reading.errorName = markupText(XML_CODE, head);
        if (message != null) {
            reading.add(message);
        } else if (reading.errorName == null) {
            reading.add(unescape(TAG.matcher(head).replaceAll(" ")));
        }
    }

    private static String markupText(Pattern pattern, String markup) {
        Matcher matcher = pattern.matcher(markup);
        if (!matcher.find()) {
            return null;
        }
        String text = unescape(TAG.matcher(matcher.group(1)).replaceAll(" ")).replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? null : text;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    private static String message(int status, Reading reading, Duration retryAfter, Optional<String> requestId,
            Collection<String> secrets) {
        StringBuilder message = new StringBuilder("HTTP ").append(status);
        String reason = reasonPhrase(status);
        if (reason != null) {
            message.append(' ').append(reason);
        }
        message.append(" from Reducto");
        if (reading.errorName != null) {
            message.append(" [").append(ErrorText.clean(reading.errorName, secrets, 80)).append(']');
        }
        String detail = String.join("; ", reading.parts);
        if (reading.limitCode != null) {
            message.append(" [CODE ").append(reading.limitCode).append(']');
            detail = LIMIT_CODE.matcher(detail).replaceFirst("").strip();
            detail = detail.startsWith(":") || detail.startsWith("-") ? detail.substring(1).strip() : detail;
        }
        detail = ErrorText.clean(detail, secrets, ErrorText.MAX_QUOTED);
        if (!detail.isEmpty()) {
            message.append(": ").append(detail);
        }
        List<String> notes = new ArrayList<>(reading.notes);
        if (retryAfter != null) {
            notes.add("retry after " + ErrorText.duration(retryAfter));
        }
        requestId.ifPresent(id -> notes.add("request id " + ErrorText.clean(id, secrets, 100)));
        if (!notes.isEmpty()) {
            message.append(" (").append(String.join(", ", notes)).append(')');
        }
        return message.toString();
    }

    /** A minimal reading for when parsing itself failed: the status and the raw text, shortened. */
    private static Parsed fallback(int status, Map<String, List<String>> headers, byte[] raw) {
        Map<String, List<String>> safeHeaders;
        Set<String> secrets;
        try {
            safeHeaders = ResponseHeaders.normalize(headers);
            secrets = ResponseHeaders.secrets(headers);
        } catch (RuntimeException e) {
            safeHeaders = Map.of();
            secrets = Set.of();
        }
        String text = ErrorText.clean(new String(raw, StandardCharsets.UTF_8), secrets, ErrorText.MAX_QUOTED);
        String message = "HTTP " + status + " from Reducto" + (text.isEmpty() ? " (empty body)" : ": " + text);
        return new Parsed(status, safeHeaders, raw, message, null, null, List.of(), null, null);
    }

    private static String contentType(Map<String, List<String>> headers) {
        return ResponseHeaders.first(headers, "content-type").orElse("").toLowerCase(Locale.ROOT);
    }

    private static boolean hasText(JsonNode node) {
        return text(node) != null;
    }

    /** The text of a scalar JSON value; {@code null} for null, blank, missing, objects and arrays. */
    private static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * A non-negative decimal number of units of 10^-scale seconds, as a duration; a number beyond what a
     * {@link Duration} holds (about 292 billion years) is read as the longest one, never as absent.
     */
    private static Optional<Duration> decimal(String value, int scale) {
        String trimmed = value.strip();
        if (!DECIMAL.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(trimmed).movePointLeft(scale);
        BigDecimal whole = seconds.setScale(0, RoundingMode.DOWN);
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
            return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
        }
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValue();
        return Optional.of(Duration.ofSeconds(whole.longValueExact()).plusNanos(nanos));
    }

    /** An HTTP date in any of the three forms RFC 9110 requires recipients to accept. */
    private static Optional<Instant> httpDate(String value, Clock clock) {
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value)));
        } catch (DateTimeParseException e) {
            // try the obsolete forms
        }
        for (DateTimeFormatter format : obsoleteDateFormats(clock)) {
            try {
                return Optional.of(Instant.from(format.parse(value.replaceAll("\\s+", " "))));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static List<DateTimeFormatter> obsoleteDateFormats(Clock clock) {
        // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"; a two-digit year is taken within the 50 years before next year.
        DateTimeFormatter rfc850 = new DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL).appendLiteral(", ")
                .appendValue(ChronoField.DAY_OF_MONTH, 2).appendLiteral('-')
                .appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT).appendLiteral('-')
                .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusYears(49))
                .appendLiteral(' ').appendPattern("HH:mm:ss").appendLiteral(" GMT")
                .toFormatter(Locale.ENGLISH).withZone(ZoneOffset.UTC);
        // asctime: "Sun Nov  6 08:49:37 1994" (spaces already collapsed to one)
        DateTimeFormatter asctime = new DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT).appendLiteral(' ')
                .appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT).appendLiteral(' ')
                .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE).appendLiteral(' ')
                .appendPattern("HH:mm:ss").appendLiteral(' ').appendValue(ChronoField.YEAR, 4)
                .toFormatter(Locale.ENGLISH).withZone(ZoneOffset.UTC);
        return List.of(rfc850, asctime);
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Entity";
            case 423 -> "Locked";
            case 424 -> "Failed Dependency";
            case 425 -> "Too Early";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 442 -> "Password-Protected Document";
            case 451 -> "Unavailable For Legal Reasons";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 507 -> "Insufficient Storage";
            case 508 -> "Loop Detected";
            case 511 -> "Network Authentication Required";
            default -> null;
        };
    }
}
