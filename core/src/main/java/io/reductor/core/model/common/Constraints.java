package io.reductor.core.model.common;

import java.util.Collection;

/**
 * The checks builders run in {@code build()}: required fields and the ranges the Reducto API documents. Each failure is
 * an {@link IllegalArgumentException} naming the field, what is allowed, and what was given.
 */
public final class Constraints {

    private Constraints() {
    }

    /**
     * Requires a value.
     *
     * @param value the value
     * @param field the field, as {@code Type.field}
     */
    public static void required(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required but was not set");
        }
    }

    /**
     * Requires an identifier (a pipeline, job or file id), when given, to be neither blank nor padded with whitespace:
     * a stray space copied along with an id would only fail at the service, as a confusing "not found".
     *
     * @param value the identifier, or {@code null} when not set
     * @param field the field, as {@code Type.field}
     * @throws IllegalArgumentException naming the field and showing the value in quotes
     */
    public static void identifier(String value, String field) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank but was \"" + value + "\"");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(field + " must not start or end with whitespace but was \"" + value
                    + "\"; check that the id was copied without extra spaces");
        }
    }

    /**
     * Requires a number, when given, to lie in {@code [min, max]}; either bound may be {@code null}.
     *
     * @param value the number, or {@code null} when not set
     * @param field the field, as {@code Type.field}
     * @param min   the smallest allowed value, or {@code null}
     * @param max   the largest allowed value, or {@code null}
     */
    public static void range(Number value, String field, Number min, Number max) {
        if (value == null) {
            return;
        }
        double v = value.doubleValue();
        if ((min != null && v < min.doubleValue()) || (max != null && v > max.doubleValue())) {
            String allowed = min == null ? "at most " + max
                    : max == null ? "at least " + min
                    : "between " + min + " and " + max;
            throw new IllegalArgumentException(field + " must be " + allowed + " but was " + value);
        }
    }

    /**
     * Requires a number, when given, to be greater than {@code bound}.
     *
     * @param value the number, or {@code null} when not set
     * @param field the field, as {@code Type.field}
     * @param bound the exclusive lower bound
     */
    public static void above(Number value, String field, Number bound) {
        if (value != null && value.doubleValue() <= bound.doubleValue()) {
            throw new IllegalArgumentException(field + " must be greater than " + bound + " but was " + value);
        }
    }

    /**
     * Requires a string, when given, to have at least {@code min} characters.
     *
     * @param value the string, or {@code null} when not set
     * @param field the field, as {@code Type.field}
     * @param min   the minimum length
     */
    public static void minLength(String value, String field, int min) {
        if (value != null && value.length() < min) {
            throw new IllegalArgumentException(field + " must have at least " + min + " character"
                    + (min == 1 ? "" : "s") + " but had " + value.length());
        }
    }

    /**
     * Requires a collection, when given, to have between {@code min} and {@code max} elements.
     *
     * @param value the collection, or {@code null} when not set
     * @param field the field, as {@code Type.field}
     * @param min   the minimum size
     * @param max   the maximum size
     */
    public static void size(Collection<?> value, String field, int min, int max) {
        if (value != null && (value.size() < min || value.size() > max)) {
            String allowed = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
            throw new IllegalArgumentException(field + " must have " + allowed + " elements but had " + value.size());
        }
    }
}
