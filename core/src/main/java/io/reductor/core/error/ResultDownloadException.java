package io.reductor.core.error;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloading a large parse result from its presigned URL ({@code UrlResult.url}) failed with an HTTP error status.
 * The URL points at cloud storage (S3-like), not at the Reducto API, so this is not a {@link ReductoApiException}.
 *
 * <p>The usual cause is an expired URL ({@link #expired()}; S3 answers {@code 403 AccessDenied "Request has
 * expired"}): result URLs expire well before the result itself, which Reducto keeps for 12 hours. The fix is to fetch
 * the job again ({@code getJob(jobId)}), which gives a fresh URL, or to parse again once the job is older than 12
 * hours. A {@code 404} ({@code NoSuchKey}) means the stored result is gone.
 *
 * <p>The presigned URL carries a signature, so it never appears in the message, in {@link #toString()} or in any
 * accessor: only the storage {@linkplain #host() host} and the {@linkplain #resultId() result id} are named. Failures
 * to reach the storage at all are reported as {@link ReductoConnectionException} or {@link ReductoTimeoutException}.
 */
public class ResultDownloadException extends ReductoException {

    private static final long serialVersionUID = 1L;

    private static final Pattern XML_CODE = Pattern.compile("(?s)<Code>(.*?)</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("(?s)<Message>(.*?)</Message>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern MARKUP_PREAMBLE = Pattern.compile("(?is)<\\?xml.*?\\?>|<!doctype[^>]*>|<head.*?</head>");
    /** A query string, or a parameter that carries a signature or credential, wherever it is quoted. */
    private static final Pattern URL_SECRET = Pattern.compile(
            "\\?[\\w.%~-]+=[^\\s\"'<>]*|(?i)\\b[\\w.-]*(signature|credential|token|sig|policy|key-pair-id|accessid)[\\w.-]*=[^&\\s\"'<>]*");
    private static final Pattern EXPIRY = Pattern.compile("(?i)expired|not valid in the specified time frame");
    private static final Set<String> EXPIRED_CODES = Set.of("expiredtoken", "tokenexpired", "requestexpired");
    private static final int MAX_DETAIL = 300;

    private final int status;
    private final boolean expired;
    private final String host;
    private final String resultId;
    private final String errorCode;
    private final Map<String, List<String>> headers;

    /**
     * Creates the exception; {@link #fromResponse} reads these from a storage response.
     *
     * @param message   the message; must not contain the URL
     * @param status    the HTTP status of the storage's answer
     * @param expired   whether the URL had expired
     * @param host      the storage host, may be {@code null}
     * @param resultId  the {@code result_id} of the result, may be {@code null}
     * @param errorCode the storage's error code, such as {@code AccessDenied}; may be {@code null}
     * @param headers   the response headers, may be {@code null}; credential headers are redacted
     */
    public ResultDownloadException(String message, int status, boolean expired, String host, String resultId,
            String errorCode, Map<String, List<String>> headers) {
        super(message);
        this.status = status;
        this.expired = expired;
        this.host = host;
        this.resultId = resultId;
        this.errorCode = errorCode;
        this.headers = ResponseHeaders.normalize(headers);
    }

    /**
     * Reads a failure response of the storage behind a result URL: S3-style XML ({@code <Code>}, {@code <Message>}),
     * or any other body, quoted shortened and with query strings and signature-like parameters removed.
     *
     * @param status   the HTTP status
     * @param headers  the response headers, may be {@code null}
     * @param body     the response body, may be {@code null}
     * @param host     the storage host, named in the message instead of the URL; may be {@code null}
     * @param resultId the {@code result_id} of the result, may be {@code null}
     */
    public static ResultDownloadException fromResponse(int status, Map<String, List<String>> headers, byte[] body,
            String host, String resultId) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String code = markup(XML_CODE, text);
        String detail = markup(XML_MESSAGE, text);
        if (detail == null && code == null && !text.isBlank()) {
            String stripped = TAG.matcher(MARKUP_PREAMBLE.matcher(text).replaceAll(" ")).replaceAll(" ");
            detail = safe(stripped, MAX_DETAIL);
        }
        boolean expired = (status == 400 || status == 401 || status == 403)
                && ((code != null && EXPIRED_CODES.contains(code.toLowerCase(Locale.ROOT)))
                        || (detail != null && EXPIRY.matcher(detail).find()));
        String what = "parse result " + (resultId == null ? "(no result_id)" : safe(resultId, 100));
        String where = host == null ? "its storage" : "storage host " + safe(host, 255);
        StringBuilder message = new StringBuilder();
        if (expired) {
            message.append("The download URL of ").append(what).append(" has expired (").append(where).append(')');
        } else if (status == 404) {
            message.append(what.substring(0, 1).toUpperCase(Locale.ROOT)).append(what.substring(1))
                    .append(" was not found at ").append(where);
        } else if (status == 401 || status == 403) {
            message.append("Access to ").append(what).append(" at ").append(where).append(" was denied");
        } else {
            message.append("Downloading ").append(what).append(" from ").append(where).append(" failed");
        }
        message.append(": HTTP ").append(status);
        if (code != null) {
            message.append(" [").append(code).append(']');
        }
        if (detail != null && !detail.isEmpty()) {
            message.append(' ').append(detail.endsWith(".") ? detail.substring(0, detail.length() - 1) : detail);
        }
        ReductoApiException.requestId(ResponseHeaders.normalize(headers))
                .ifPresent(id -> message.append(" (request id ").append(safe(id, 100)).append(')'));
        if (expired) {
            message.append(". Result URLs expire well before the result (kept 12 hours): fetch the job again"
                    + " (getJob) for a fresh URL, or parse again if the job is older than 12 hours");
        } else if (status == 404 || status == 401 || status == 403) {
            message.append(". The URL may have expired or been altered, or the result (kept 12 hours) is gone:"
                    + " fetch the job again (getJob) for a fresh URL, or parse again");
        }
        return new ResultDownloadException(message.toString(), status, expired, host, resultId, code, headers);
    }

    /** The HTTP status the storage answered with. */
    public int status() {
        return status;
    }

    /**
     * Whether the presigned URL had expired. Fetch the job again for a fresh URL; results are kept 12 hours, their
     * URLs expire sooner.
     */
    public boolean expired() {
        return expired;
    }

    /** The storage host the result was downloaded from (never the whole URL), when known. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** The {@code result_id} of the result, when the service gave one. */
    public Optional<String> resultId() {
        return Optional.ofNullable(resultId);
    }

    /** The storage's error code, such as {@code AccessDenied} or {@code NoSuchKey}, when it sent one. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The response headers, unmodifiable, keys compared ignoring case; credential headers are redacted. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    private static String markup(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return null;
        }
        String value = safe(TAG.matcher(matcher.group(1)).replaceAll(" "), MAX_DETAIL);
        return value.isEmpty() ? null : value;
    }

    /** One line, bounded, with anything that looks like a query string or signature removed. */
    private static String safe(String text, int max) {
        String unescaped = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        String redacted = URL_SECRET.matcher(unescaped).replaceAll(ErrorText.REDACTED);
        return ErrorText.clean(redacted, Set.of(), max);
    }
}
