package io.reductor.core.error;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * JSON could not be turned into the expected model type: the body is not JSON, or a value has a shape the model cannot
 * hold. The message names the target type and the JSON path of the offending value, such as
 * {@code $.result.chunks[3].blocks[0].bbox.page}.
 */
public class ReductoDecodeException extends ReductoException {

    private static final long serialVersionUID = 1L;

    private final String targetType;
    private final String jsonPath;

    /**
     * Creates the exception.
     *
     * @param targetType the type that was being decoded
     * @param jsonPath   where in the document decoding failed ({@code $} for the root)
     * @param problem    what was wrong, in a few words
     * @param cause      the underlying parser failure, may be {@code null}
     */
    public ReductoDecodeException(Type targetType, String jsonPath, String problem, Throwable cause) {
        super("Could not decode " + typeName(targetType) + " at " + jsonPath + ": " + problem, cause);
        this.targetType = typeName(targetType);
        this.jsonPath = Objects.requireNonNull(jsonPath, "jsonPath");
    }

    /** The name of the type that was being decoded. */
    public String targetType() {
        return targetType;
    }

    /** The JSON path, starting at {@code $}, of the value that could not be decoded. */
    public String jsonPath() {
        return jsonPath;
    }

    private static String typeName(Type type) {
        return type instanceof Class<?> c ? c.getSimpleName() : String.valueOf(type);
    }
}
