package io.reductor.core.json;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Base of Reductor's enum-like value types (job status, block type, confidence, ...). The Reducto API adds values
 * often, so these are open sets: each subtype declares the values known when Reductor was built as constants, and
 * any other string still decodes into an instance whose {@link #isKnown()} is {@code false}. The wire string is kept
 * exactly as received and written back unchanged.
 *
 * <p>Values compare ignoring ASCII case, because the service is not consistent about it ({@code "high"} and
 * {@code "High"} both occur): {@code Confidence.of("High").equals(Confidence.HIGH)} holds, while
 * {@link #value()} still returns {@code "High"}.
 */
public abstract class ApiEnum {

    private final String value;

    /** Creates a value; subclasses keep their constructors private and expose a static {@code of(String)}. */
    protected ApiEnum(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The string sent and received on the wire, exactly as given. */
    @JsonValue
    public final String value() {
        return value;
    }

    /** Whether this value is one of the constants this version of Reductor knows. */
    public abstract boolean isKnown();

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((ApiEnum) other).value.equalsIgnoreCase(value);
    }

    @Override
    public final int hashCode() {
        return value.toLowerCase(Locale.ROOT).hashCode();
    }

    @Override
    public final String toString() {
        return value;
    }

    /**
     * The known constants of one {@link ApiEnum} subtype, looked up ignoring case.
     *
     * @param <E> the enum-like type
     */
    public static final class Known<E extends ApiEnum> {

        private final Map<String, E> byValue;
        private final Map<String, E> byLowerCase;
        private final Function<String, E> factory;

        private Known(Function<String, E> factory, List<E> constants) {
            Map<String, E> exact = new LinkedHashMap<>();
            Map<String, E> lowerCase = new LinkedHashMap<>();
            for (E constant : constants) {
                exact.put(constant.value(), constant);
                lowerCase.put(constant.value().toLowerCase(Locale.ROOT), constant);
            }
            this.byValue = Collections.unmodifiableMap(exact);
            this.byLowerCase = Collections.unmodifiableMap(lowerCase);
            this.factory = factory;
        }

        /**
         * Registers the constants of a subtype.
         *
         * @param factory   creates an instance for a string that is not exactly one of the constants
         * @param constants the known values
         */
        @SafeVarargs
        public static <E extends ApiEnum> Known<E> of(Function<String, E> factory, E... constants) {
            return new Known<>(factory, List.of(constants));
        }

        /** The constant for {@code value} when it matches one exactly, otherwise a new instance holding it. */
        public E resolve(String value) {
            Objects.requireNonNull(value, "value");
            E constant = byValue.get(value);
            return constant != null ? constant : factory.apply(value);
        }

        /** Whether {@code candidate} equals (ignoring case) one of the known constants. */
        public boolean contains(E candidate) {
            return byValue.get(candidate.value()) == candidate
                    || byLowerCase.containsKey(candidate.value().toLowerCase(Locale.ROOT));
        }

        /** The known constants, in declaration order. */
        public List<E> values() {
            return List.copyOf(byLowerCase.values());
        }
    }
}
