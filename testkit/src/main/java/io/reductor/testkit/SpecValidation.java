package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.i18n.DefaultMessageSource;
import com.networknt.schema.path.NodePath;
import io.reductor.spec.SpecValidator;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Validates request bodies against the vendored Reducto spec, as the service's FastAPI layer does, and reports
 * failures in FastAPI's {@code 422} shape. The spec and the choice of request schemas come from reductor-spec's
 * {@link SpecValidator} (both descriptions are consulted: a body is valid when the request schema of any document that
 * describes the operation accepts it). Loaded once per JVM on a daemon thread of its own, which the first simulator
 * starts once its server is bound ({@link #startLoading()}), with the validator's messages (so that validating on an
 * event loop never reads a file) and the simulator's JSON codec. Each operation's schemas are compiled at their first
 * use; once loaded, the same thread compiles them all and runs each once, ahead of the requests that will need them (a
 * request that comes first compiles what it needs itself and waits for nothing).
 */
final class SpecValidation {

    /** The one load per JVM. */
    private static final CompletableFuture<SpecValidation> LOADING = new CompletableFuture<>();
    private static final AtomicBoolean LOAD_STARTED = new AtomicBoolean();

    private final SpecValidator spec = SpecValidator.instance();

    private SpecValidation() {
        // messages come from a resource bundle that is read on first use: read it here, off the event loops
        DefaultMessageSource.getInstance().getMessage("required", Locale.getDefault(), "input");
    }

    /**
     * The shared instance, loaded on a daemon thread that {@link #startLoading()} starts.
     *
     * @return completes with the instance once loaded, or with the error if the spec cannot be read
     */
    static CompletableFuture<SpecValidation> loading() {
        return LOADING;
    }

    /** Starts loading the shared instance on a daemon thread, the first time it is called in a JVM. */
    static void startLoading() {
        if (!LOAD_STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            SpecValidation validation;
            try {
                Json.codec(); // made here rather than by the first request
                validation = new SpecValidation();
            } catch (RuntimeException | java.lang.Error e) {
                LOADING.completeExceptionally(e);
                return;
            }
            LOADING.complete(validation);
            validation.warmUp();
        }, "reducto-simulator-spec");
        thread.setDaemon(true);
        thread.start();
    }

    /** Compiles every operation's schemas and runs each on a few bodies, valid and not. */
    private void warmUp() {
        ObjectNode empty = Json.object();
        ObjectNode withAsync = Json.object();
        withAsync.putObject("async");
        ObjectNode wrongTypes = Json.object().put("input", 42).put("async", 5).put("settings", "x");
        for (String operation : spec.operationsWithRequestBody()) {
            for (JsonNode body : List.of(empty, withAsync, wrongTypes, Json.NODES.arrayNode())) {
                validate(operation, body);
            }
        }
    }

    /** Whether the spec describes a JSON body for {@code "POST /parse"}-style operation. */
    boolean knows(String operation) {
        return spec.describesRequestBody(operation);
    }

    /**
     * Validates a request body.
     *
     * @param operation like {@code "POST /parse"} (the spec's path template)
     * @param body      the parsed body
     * @return FastAPI validation issues; empty when valid (or when the spec has no JSON body for the operation)
     */
    ArrayNode validate(String operation, JsonNode body) {
        ArrayNode best = Json.NODES.arrayNode();
        for (Schema schema : spec.requestSchemas(operation, body)) {
            List<Error> errors = schema.validate(body);
            if (errors.isEmpty()) {
                return Json.NODES.arrayNode();
            }
            ArrayNode issues = issues(errors, body);
            if (best.isEmpty() || issues.size() < best.size()) {
                best = issues;
            }
        }
        return best;
    }

    private static ArrayNode issues(List<Error> errors, JsonNode body) {
        ArrayNode issues = Json.NODES.arrayNode();
        Set<String> seen = new HashSet<>();
        for (Error error : errors) {
            String message = error.getMessage();
            ArrayNode loc = Json.NODES.arrayNode().add("body");
            NodePath path = error.getInstanceLocation();
            JsonNode input = body;
            for (int i = 0; i < path.getNameCount(); i++) {
                Object element = path.getElement(i);
                if (element instanceof Integer index) {
                    loc.add(index);
                    input = input.path(index);
                } else {
                    loc.add(String.valueOf(element));
                    input = input.path(String.valueOf(element));
                }
            }
            String keyword = error.getKeyword() == null ? "" : error.getKeyword();
            String type;
            String msg;
            switch (keyword) {
                case "required" -> {
                    loc.add(error.getProperty());
                    type = "missing";
                    msg = "Field required";
                }
                case "type" -> {
                    String expected = error.getSchemaNode() == null ? "" : error.getSchemaNode().asText("");
                    type = switch (expected) {
                        case "string" -> "string_type";
                        case "integer" -> "int_type";
                        case "number" -> "float_type";
                        case "boolean" -> "bool_type";
                        case "array" -> "list_type";
                        case "object" -> "model_type";
                        default -> "type_error";
                    };
                    msg = switch (expected) {
                        case "string" -> "Input should be a valid string";
                        case "integer" -> "Input should be a valid integer";
                        case "number" -> "Input should be a valid number";
                        case "boolean" -> "Input should be a valid boolean";
                        case "array" -> "Input should be a valid list";
                        case "object" -> "Input should be a valid dictionary or object to extract fields from";
                        default -> message;
                    };
                }
                case "enum", "const" -> {
                    type = "literal_error";
                    msg = message;
                }
                case "minimum", "exclusiveMinimum" -> {
                    type = "greater_than_equal";
                    msg = message;
                }
                case "maximum", "exclusiveMaximum" -> {
                    type = "less_than_equal";
                    msg = message;
                }
                case "additionalProperties" -> {
                    loc.add(error.getProperty());
                    type = "extra_forbidden";
                    msg = "Extra inputs are not permitted";
                }
                default -> {
                    type = "value_error";
                    msg = message;
                }
            }
            if (!seen.add(loc + "|" + type)) {
                continue;
            }
            ObjectNode issue = Reply.issue(loc, msg, type);
            if (!keyword.equals("required") && !input.isMissingNode()) {
                issue.set("input", input);
            } else if (keyword.equals("required")) {
                issue.set("input", body);
            }
            issues.add(issue);
        }
        return issues;
    }
}
