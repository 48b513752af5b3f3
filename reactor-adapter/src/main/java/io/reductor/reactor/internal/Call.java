package io.reductor.reactor.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP call as the transport sends it, on every attempt.
 *
 * @param method          the HTTP method
 * @param uri             the absolute URI, query included
 * @param operation       a short name for messages and logs, such as {@code POST /parse} (never a full URL: presigned
 *                        URLs carry credentials)
 * @param headers         request headers by lower-case name, without {@code Authorization}
 * @param body            what to send
 * @param safety          whether the call may be sent again after it may have reached the server
 * @param authenticated   whether to send the API key; presigned URLs must not get it
 * @param responseTimeout the longest wait between reads of one attempt
 */
public record Call(String method, URI uri, String operation, Map<String, String> headers, RequestBody body,
                   Safety safety, boolean authenticated, Duration responseTimeout) {

    /** Whether sending a call twice can do harm. */
    public enum Safety {
        /** Reads, cancellations and uploads: sending twice does no harm. */
        REPEATABLE,
        /** Creates a billed job: a second copy may create and bill a second job. */
        CREATES_JOB
    }

    /** Checks and copies the arguments. */
    public Call {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(safety, "safety");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** This call with one more header. */
    public Call withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Call(method, uri, operation, copy, body, safety, authenticated, responseTimeout);
    }
}
