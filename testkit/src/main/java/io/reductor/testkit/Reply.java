package io.reductor.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer of the simulator, and the error answers in the shapes the real service uses: FastAPI's
 * {@code {"detail": ...}}, the gateway's {@code {"error": {"code", "name", "message"}}}, {@code {"message": "[CODE n]
 * ..."}} for rate limits, nginx's HTML page for a missing credential, and S3's XML for result storage.
 *
 * @param status      the status
 * @param contentType the content type, or {@code null} for no body
 * @param body        the body
 * @param headers     extra headers
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";

    /** A JSON answer with a record or tree. */
    static Reply json(int status, Object value) {
        return new Reply(status, JSON, Json.bytes(value), Map.of());
    }

    /** 200 with a record or tree. */
    static Reply ok(Object value) {
        return json(200, value);
    }

    /** FastAPI's {@code HTTPException}: {@code {"detail": "..."}}. */
    static Reply detail(int status, String message) {
        return json(status, Json.object().put("detail", message));
    }

    /** A wrong or malformed key: 401 {@code {"error": {"code": 401, "name": "AUTH_ERROR", ...}}}. */
    static Reply authError() {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", 401).put("name", "AUTH_ERROR").put("message", "Invalid access token");
        return json(401, body);
    }

    /** No {@code Authorization} header: 403 with the HTML page production's nginx sends. */
    static Reply forbiddenHtml() {
        String html = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n"
                + "<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return new Reply(403, "text/html", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * 429 with {@code {"message": "[CODE n] ..."}} and {@code Retry-After} in whole seconds, or without it when
     * {@code retryAfter} is {@code null} (as production has been seen to answer).
     */
    static Reply rateLimited(int code, String message, Duration retryAfter) {
        ObjectNode body = Json.object().put("message", "[CODE " + code + "] " + message);
        if (retryAfter == null) {
            return new Reply(429, JSON, Json.bytes(body), Map.of());
        }
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new Reply(429, JSON, Json.bytes(body), Map.of("Retry-After", Long.toString(seconds)));
    }

    /** 422 in FastAPI's validation shape, from issues built with {@link #issue}. */
    static Reply validation(ArrayNode issues) {
        ObjectNode body = Json.object();
        body.set("detail", issues);
        return json(422, body);
    }

    /** 422 for a body the spec allows but the request record refuses: {@code value_error} at {@code ["body"]}. */
    static Reply invalidBody(String message) {
        return validation(Json.NODES.arrayNode().add(issue(Json.NODES.arrayNode().add("body"), message,
                "value_error")));
    }

    /** One FastAPI validation issue. */
    static ObjectNode issue(ArrayNode loc, String msg, String type) {
        ObjectNode issue = Json.object();
        issue.put("type", type);
        issue.set("loc", loc);
        issue.put("msg", msg);
        return issue;
    }

    /** An S3-style XML error of the result and upload storage. */
    static Reply storageError(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>SIMULATOR</RequestId></Error>";
        return new Reply(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** This answer with one more header. */
    Reply withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new Reply(status, contentType, body, all);
    }
}
