package io.reductor.core.model.job;

import io.reductor.core.model.common.Constraints;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One page request of {@code GET /jobs}: how many jobs per page, where to start, and whether to leave out each job's
 * {@code raw_config}. Unset fields are not sent, so the service's defaults apply (100 jobs per page, configurations
 * included).
 *
 * @param limit          jobs per page, 1 to 500; {@code null} for the service's default of 100
 * @param cursor         the {@code next_cursor} of the previous page, or {@code null} for the first page
 * @param excludeConfigs whether to leave out {@code raw_config} to make pages smaller; {@code null} for the default
 *                       ({@code false})
 */
public record ListJobsRequest(Integer limit, String cursor, Boolean excludeConfigs) {

    /** The largest page the service returns. */
    public static final int MAX_LIMIT = 500;

    /**
     * Checks the limit.
     *
     * @throws IllegalArgumentException if {@code limit} is outside 1..500 or {@code cursor} is blank
     */
    public ListJobsRequest {
        Constraints.range(limit, "ListJobsRequest.limit", 1, MAX_LIMIT);
        if (cursor != null && cursor.isBlank()) {
            throw new IllegalArgumentException("ListJobsRequest.cursor must not be blank; use null for the first page");
        }
    }

    /** The first page with the service's defaults. */
    public static ListJobsRequest firstPage() {
        return new ListJobsRequest(null, null, null);
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's fields. */
    public Builder toBuilder() {
        return new Builder().limit(limit).cursor(cursor).excludeConfigs(excludeConfigs);
    }

    /** The same request for the page that starts at {@code nextCursor}. */
    public ListJobsRequest withCursor(String nextCursor) {
        return new ListJobsRequest(limit, nextCursor, excludeConfigs);
    }

    /** The query parameters to send, by wire name, in a stable order; unset fields are left out. */
    public Map<String, String> queryParameters() {
        Map<String, String> query = new LinkedHashMap<>();
        if (limit != null) {
            query.put("limit", limit.toString());
        }
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        if (excludeConfigs != null) {
            query.put("exclude_configs", excludeConfigs.toString());
        }
        return query;
    }

    /** Builds {@link ListJobsRequest} values. */
    public static final class Builder {
        private Integer limit;
        private String cursor;
        private Boolean excludeConfigs;

        private Builder() {
        }

        /** Jobs per page, 1 to 500. */
        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        /** The {@code next_cursor} of the previous page. */
        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        /** Whether to leave out each job's {@code raw_config}. */
        public Builder excludeConfigs(Boolean excludeConfigs) {
            this.excludeConfigs = excludeConfigs;
            return this;
        }

        /**
         * Creates the request.
         *
         * @throws IllegalArgumentException if {@code limit} is outside 1..500 or {@code cursor} is blank
         */
        public ListJobsRequest build() {
            return new ListJobsRequest(limit, cursor, excludeConfigs);
        }
    }
}
