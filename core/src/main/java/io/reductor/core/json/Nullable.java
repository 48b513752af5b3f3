package io.reductor.core.json;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A field that can be absent, explicitly {@code null}, or hold a value, for the few places where the Reducto API
 * gives absent and {@code null} different meanings (for example a block's {@code confidence}: absent means the
 * default {@code "low"}, {@code null} means none was computed). The codec omits an absent field when writing, writes
 * {@code null} for an explicit null, and reads each back as it was.
 *
 * @param <T> the type of the value
 */
public final class Nullable<T> {

    private static final Nullable<?> ABSENT = new Nullable<>(false, null);
    private static final Nullable<?> NULL = new Nullable<>(true, null);

    private final boolean present;
    private final T value;

    private Nullable(boolean present, T value) {
        this.present = present;
        this.value = value;
    }

    /** The field is not in the JSON at all. */
    @SuppressWarnings("unchecked")
    public static <T> Nullable<T> absent() {
        return (Nullable<T>) ABSENT;
    }

    /** The field is in the JSON with the value {@code null}. */
    @SuppressWarnings("unchecked")
    public static <T> Nullable<T> ofNull() {
        return (Nullable<T>) NULL;
    }

    /** The field holds {@code value}; a {@code null} argument gives {@link #ofNull()}. */
    public static <T> Nullable<T> of(T value) {
        return value == null ? ofNull() : new Nullable<>(true, value);
    }

    /** Whether the field appears in the JSON (with a value or as {@code null}). */
    public boolean isPresent() {
        return present;
    }

    /** Whether the field is absent from the JSON. */
    public boolean isAbsent() {
        return !present;
    }

    /** Whether the field appears in the JSON as an explicit {@code null}. */
    public boolean isNull() {
        return present && value == null;
    }

    /** Whether the field holds a non-null value. */
    public boolean hasValue() {
        return value != null;
    }

    /**
     * The value.
     *
     * @throws NoSuchElementException when the field is absent or null
     */
    public T get() {
        if (value == null) {
            throw new NoSuchElementException(present ? "The field is explicitly null" : "The field is absent");
        }
        return value;
    }

    /** The value, or {@code fallback} when the field is absent or null. */
    public T orElse(T fallback) {
        return value != null ? value : fallback;
    }

    /** The value as an {@link Optional}, empty when the field is absent or null. */
    public Optional<T> toOptional() {
        return Optional.ofNullable(value);
    }

    /** Applies {@code mapper} to a value, keeping absent and null as they are. */
    public <R> Nullable<R> map(Function<? super T, ? extends R> mapper) {
        return value == null ? (present ? ofNull() : absent()) : of(mapper.apply(value));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Nullable<?> that && present == that.present && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(present, value);
    }

    @Override
    public String toString() {
        return present ? "Nullable[" + value + "]" : "Nullable.absent";
    }
}
