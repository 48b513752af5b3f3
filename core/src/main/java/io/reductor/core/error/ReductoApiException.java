package io.reductor.core.error;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reducto answered with a failure status (4xx, 5xx, or any status the client did not expect). One subclass per
 * status family tells the cases apart; all of them are made by {@link ApiErrors#fromResponse}, which also writes the
 * message: the status, the service's error name or limit code, what the body says (shortened) and the request id,
 * e.g. {@code HTTP 401 Unauthorized from Reducto [AUTH_ERROR]: Invalid access token}.
 *
 * <p>Credentials never appear in the message, in {@link #toString()} or in {@link #headers()}: the values of
 * {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie} are replaced by
 * {@code [REDACTED]}.
 */
public abstract class ReductoApiException extends ReductoException {

    private static final long serialVersionUID = 1L;

    /** The headers a request id is read from, in order of preference. */
    private static final List<String> REQUEST_ID_HEADERS =
            List.of("x-request-id", "request-id", "x-amzn-requestid", "x-amz-request-id");

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] rawBody;
    private final String errorCode;
    private final String errorName;

    ReductoApiException(ApiErrors.Parsed parsed) {
        super(parsed.message());
        this.status = parsed.status();
        this.headers = ResponseHeaders.normalize(parsed.headers());
        this.rawBody = parsed.body() == null ? new byte[0] : parsed.body().clone();
        this.errorCode = parsed.errorCode();
        this.errorName = parsed.errorName();
    }

    /** The HTTP status code of the response. */
    public int status() {
        return status;
    }

    /**
     * The response headers, unmodifiable; keys compare ignoring case, so {@code headers().get("retry-after")} finds
     * {@code Retry-After}. Credential headers hold {@code [REDACTED]} instead of their value.
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of response header {@code name}, looked up ignoring case. */
    public Optional<String> header(String name) {
        Objects.requireNonNull(name, "name");
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The id the server gave this request, to quote to Reducto support: the first of the headers
     * {@code x-request-id} (what the official SDKs read), {@code request-id}, {@code x-amzn-requestid} (AWS load
     * balancers and API gateways) and {@code x-amz-request-id} that is present and not blank.
     */
    public Optional<String> requestId() {
        return requestId(headers);
    }

    static Optional<String> requestId(Map<String, List<String>> headers) {
        for (String name : REQUEST_ID_HEADERS) {
            Optional<String> value = ResponseHeaders.first(headers, name).map(String::strip).filter(v -> !v.isEmpty());
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** The response body exactly as received (a copy; empty when there was none). */
    public byte[] rawBody() {
        return rawBody.clone();
    }

    /** The response body decoded as UTF-8 (malformed bytes become U+FFFD); empty when there was none. */
    public String body() {
        return new String(rawBody, StandardCharsets.UTF_8);
    }

    /**
     * The error code the body gives, as text: {@code error.code} (e.g. {@code "401"}), else a top-level
     * {@code code}, else the number of a {@code [CODE 1000]} marker in the body.
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * The error name the body gives: {@code error.name} (e.g. {@code "AUTH_ERROR"}) or else {@code error.type}
     * (e.g. {@code "file_download_failure"}).
     */
    public Optional<String> errorName() {
        return Optional.ofNullable(errorName);
    }
}
