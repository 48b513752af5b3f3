package io.reductor.bench.harness;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A value an option names, such as a {@link Mode} or a {@link JvmRecipe}. */
interface NamedValue {

    /**
     * The value's name in options, reports and run names.
     *
     * @return the name
     */
    String id();

    /**
     * The constant of an enum with a name.
     *
     * @param type     the enum
     * @param singular what one constant is called in the message, for example {@code "mode"}
     * @param plural   what they are called together, for example {@code "modes"}
     * @param id       the name
     * @param <E>      the enum's type
     * @return the constant
     * @throws IllegalArgumentException if none has that name, saying which names there are
     */
    static <E extends Enum<E> & NamedValue> E byId(Class<E> type, String singular, String plural, String id) {
        E[] values = type.getEnumConstants();
        return Arrays.stream(values).filter(value -> value.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + singular + " is called " + id + "; the "
                        + plural + " are " + Arrays.stream(values).map(NamedValue::id)
                        .collect(Collectors.joining(", "))));
    }
}
