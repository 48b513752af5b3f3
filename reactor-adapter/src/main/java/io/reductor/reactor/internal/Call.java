package io.reductor.reactor.internal;

import io.reductor.reactor.RetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP call as the transport sends it, on every attempt, with the rules that govern its attempts.
 *
 * @param method          the HTTP method
 * @param uri             the absolute URI, query included
 * @param operation       a short name for messages and logs, such as {@code POST /parse} (never a full URL: presigned
 *                        URLs carry credentials)
 * @param route           the operation with its path parameters left as names, such as {@code GET /job/{job_id}}:
 *                        few distinct values, for metrics
 * @param headers         request headers by lower-case name, without {@code Authorization}
 * @param body            what to send
 * @param safety          whether the call may be sent again after it may have reached the server
 * @param authenticated   whether to send the API key; presigned URLs must not get it
 * @param responseTimeout the longest wait between reads of one attempt
 * @param retryPolicy     when a failed attempt is tried again
 * @param totalTimeout    the limit across all attempts and backoffs, or {@code null} for none
 */
public record Call(String method, URI uri, String operation, String route, Map<String, String> headers,
                   RequestBody body, Safety safety, boolean authenticated, Duration responseTimeout,
                   RetryPolicy retryPolicy, Duration totalTimeout) {

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
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(safety, "safety");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A call whose path has no parameters, so that its route is its operation. */
    public Call(String method, URI uri, String operation, Map<String, String> headers, RequestBody body,
            Safety safety, boolean authenticated, Duration responseTimeout, RetryPolicy retryPolicy,
            Duration totalTimeout) {
        this(method, uri, operation, operation, headers, body, safety, authenticated, responseTimeout, retryPolicy,
                totalTimeout);
    }

    /** This call with one more header. */
    public Call withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Call(method, uri, operation, route, copy, body, safety, authenticated, responseTimeout,
                retryPolicy, totalTimeout);
    }

    /** This call with another retry policy. */
    public Call withRetryPolicy(RetryPolicy policy) {
        return new Call(method, uri, operation, route, headers, body, safety, authenticated, responseTimeout,
                policy, totalTimeout);
    }

    /** Whether the body can be sent only once (a caller's stream), so that no attempt may follow the first. */
    public boolean isOneShot() {
        return body instanceof RequestBody.Stream stream && !stream.repeatable();
    }
}
