package io.reductor.testkit;

/**
 * Every endpoint the simulator serves, by the name counters, fault injection and waits use: the HTTP method and the
 * spec's path template, as {@code "GET /job/{job_id}"} ({@link #key()}). The first group is the API; the last four
 * are the simulator's own storage, result and portal URLs, served without the key.
 */
public enum SimulatorRoute {
    /** {@code POST /parse}. */
    PARSE("POST", "/parse"),
    /** {@code POST /parse_async}. */
    PARSE_ASYNC("POST", "/parse_async"),
    /** {@code POST /extract}. */
    EXTRACT("POST", "/extract"),
    /** {@code POST /extract_async}. */
    EXTRACT_ASYNC("POST", "/extract_async"),
    /** {@code POST /split}. */
    SPLIT("POST", "/split"),
    /** {@code POST /split_async}. */
    SPLIT_ASYNC("POST", "/split_async"),
    /** {@code POST /edit}. */
    EDIT("POST", "/edit"),
    /** {@code POST /edit_async}. */
    EDIT_ASYNC("POST", "/edit_async"),
    /** {@code POST /pipeline}. */
    PIPELINE("POST", "/pipeline"),
    /** {@code POST /pipeline_async}. */
    PIPELINE_ASYNC("POST", "/pipeline_async"),
    /** {@code POST /classify}. */
    CLASSIFY("POST", "/classify"),
    /** {@code POST /cite}. */
    CITE("POST", "/cite"),
    /** {@code POST /upload}: a multipart upload, or the start of a presigned one. */
    UPLOAD("POST", "/upload"),
    /** {@code GET /job/{job_id}}: a poll, or with {@code ?timeout=} a long poll. */
    GET_JOB("GET", "/job/{job_id}"),
    /** {@code POST /cancel/{job_id}}. */
    CANCEL_JOB("POST", "/cancel/{job_id}"),
    /** {@code GET /jobs}: one page of the job listing. */
    LIST_JOBS("GET", "/jobs"),
    /** {@code POST /configure_webhook}. */
    CONFIGURE_WEBHOOK("POST", "/configure_webhook"),
    /** {@code GET /version}. */
    VERSION("GET", "/version"),
    /** {@code GET /health}, served without the key. */
    HEALTH("GET", "/health"),
    /** {@code PUT /_storage/{token}}: the upload to a presigned URL. */
    STORAGE_PUT("PUT", "/_storage/{token}"),
    /** {@code GET /_results/{id}}: a URL result or an edited document. */
    RESULT_GET("GET", "/_results/{id}"),
    /** {@code GET /_webhooks/portal}: the page {@code POST /configure_webhook} points to. */
    WEBHOOK_PORTAL("GET", "/_webhooks/portal");

    private final String method;
    private final String pathTemplate;

    SimulatorRoute(String method, String pathTemplate) {
        this.method = method;
        this.pathTemplate = pathTemplate;
    }

    /**
     * The HTTP method.
     *
     * @return the method in capitals, as {@code "GET"}
     */
    public String method() {
        return method;
    }

    /**
     * The path template, with {@code {name}} for each path parameter.
     *
     * @return the template, as {@code "/job/{job_id}"}
     */
    public String pathTemplate() {
        return pathTemplate;
    }

    /**
     * The name under which the simulator counts the route, as {@link SimulatorCounters#requests()} lists it.
     *
     * @return the method, a space and the path template, as {@code "GET /job/{job_id}"}
     */
    public String key() {
        return method + " " + pathTemplate;
    }
}
