package io.reductor.reactor;

import io.reductor.core.model.common.ApiHeaders;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings that can differ from one request to the next: timeouts, the retry policy and extra headers. Unset values
 * fall back to the client's. Immutable; derive a client that uses them with {@link ReductoClient#withOptions}.
 *
 * <pre>{@code
 * ReductoClient patient = client.withOptions(RequestOptions.builder()
 *         .responseTimeout(Duration.ofMinutes(20))
 *         .retryPolicy(RetryPolicy.none())
 *         .build());
 * }</pre>
 */
public final class RequestOptions {

    private static final RequestOptions EMPTY = new Builder().build();

    private final Duration responseTimeout;
    private final Duration totalTimeout;
    private final RetryPolicy retryPolicy;
    private final Map<String, String> headers;

    private RequestOptions(Builder builder) {
        this.responseTimeout = builder.responseTimeout;
        this.totalTimeout = builder.totalTimeout;
        this.retryPolicy = builder.retryPolicy;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
    }

    /**
     * Options that change nothing.
     *
     * @return the shared empty options: every value unset, no headers
     */
    public static RequestOptions none() {
        return EMPTY;
    }

    /**
     * A builder with nothing set.
     *
     * @return a new builder with nothing set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How long one attempt may wait for the server between reads, or {@code null} to use the client's default for the
     * endpoint.
     *
     * @return the per-attempt timeout; {@code null} when unset
     */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /**
     * How long a call may take across all its attempts and backoffs, or {@code null} for no limit.
     *
     * @return the limit on the whole call; {@code null} when unset
     */
    public Duration totalTimeout() {
        return totalTimeout;
    }

    /**
     * The retry policy, or {@code null} to use the client's.
     *
     * @return the policy; {@code null} when unset
     */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /**
     * Extra headers, by lower-case name.
     *
     * @return the headers as an unmodifiable map from lower-case name to value; empty when none were set
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * These options with every value that {@code override} sets replaced by it; headers are merged.
     *
     * @param override the options that win; not {@code null}
     * @return new options; neither this nor {@code override} is changed
     */
    public RequestOptions mergedWith(RequestOptions override) {
        Builder merged = toBuilder();
        if (override.responseTimeout != null) {
            merged.responseTimeout = override.responseTimeout;
        }
        if (override.totalTimeout != null) {
            merged.totalTimeout = override.totalTimeout;
        }
        if (override.retryPolicy != null) {
            merged.retryPolicy = override.retryPolicy;
        }
        merged.headers.putAll(override.headers);
        return merged.build();
    }

    /**
     * A builder holding these options.
     *
     * @return a new builder that starts from these options
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.responseTimeout = responseTimeout;
        builder.totalTimeout = totalTimeout;
        builder.retryPolicy = retryPolicy;
        builder.headers.putAll(headers);
        return builder;
    }

    @Override
    public String toString() {
        return "RequestOptions[responseTimeout=" + responseTimeout + ", totalTimeout=" + totalTimeout
                + ", retryPolicy=" + retryPolicy + ", headers=" + headers.keySet() + "]";
    }

    /** Builds {@link RequestOptions}. */
    public static final class Builder {
        private Duration responseTimeout;
        private Duration totalTimeout;
        private RetryPolicy retryPolicy;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * How long one attempt may wait for the server between reads; positive.
         *
         * @param responseTimeout the per-attempt timeout; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code responseTimeout} is zero or negative
         */
        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = positive(responseTimeout, "responseTimeout");
            return this;
        }

        /**
         * How long a call may take across all attempts and backoffs; positive.
         *
         * @param totalTimeout the limit on the whole call; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code totalTimeout} is zero or negative
         */
        public Builder totalTimeout(Duration totalTimeout) {
            this.totalTimeout = positive(totalTimeout, "totalTimeout");
            return this;
        }

        /**
         * The retry policy.
         *
         * @param retryPolicy the policy for these requests, such as {@link RetryPolicy#none()}; not {@code null}
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * An extra header sent with every request. {@code Authorization} cannot be set this way: the API key is given
         * to the client builder.
         *
         * @param name  the header name, case-insensitive; a later value for the same name replaces the earlier one
         * @param value the header value; not {@code null}
         * @return this builder
         * @throws IllegalArgumentException when {@code name} is {@code Authorization} or {@code Proxy-Authorization}
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("authorization") || key.equals("proxy-authorization")) {
                throw new IllegalArgumentException("The " + name
                        + " header cannot be set as an option; give the API key to ReductoClient.builder()");
            }
            headers.put(key, value);
            return this;
        }

        /**
         * The {@code user-id} header: the end user on whose behalf requests are made.
         *
         * @param userId the end user's id, as the service's {@code user-id} header; not {@code null}
         * @return this builder
         */
        public Builder userId(String userId) {
            return header(ApiHeaders.USER_ID, userId);
        }

        /**
         * Creates the options.
         *
         * @return the options; the builder can be reused and changed afterwards without affecting them
         */
        public RequestOptions build() {
            return new RequestOptions(this);
        }

        static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive but was " + duration);
            }
            return duration;
        }
    }
}
