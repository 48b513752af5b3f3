package io.reductor.core.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a JSON string into an {@link ApiEnum} by calling the type's {@code @JsonCreator} factory directly. Jackson
 * calls such a factory by reflection, with an argument array per value, and a parse result has a block type and
 * confidences on every block. Any other token (a number, an object, {@code null}) keeps Jackson's own handling and
 * messages, and so does a type whose factory cannot be linked (not public, or in a module this one cannot read).
 */
final class ApiEnumModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    ApiEnumModule() {
        super("ReductorApiEnums");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addBeanDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (!ApiEnum.class.isAssignableFrom(type) || !createsFromString(deserializer)) {
                    return deserializer;
                }
                Function<String, ?> factory = factory(type);
                return factory == null ? deserializer : new ApiEnumDeserializer(deserializer, factory);
            }
        });
    }

    private static boolean createsFromString(JsonDeserializer<?> deserializer) {
        if (!(deserializer instanceof StdDeserializer<?> standard)) {
            return false;
        }
        ValueInstantiator instantiator = standard.getValueInstantiator();
        return instantiator != null && instantiator.canCreateFromString();
    }

    /**
     * The type's public static {@code @JsonCreator} factory of one string, as a function, or {@code null} when it
     * has none or it cannot be linked.
     */
    static Function<String, ?> factory(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(JsonCreator.class) && Modifier.isStatic(method.getModifiers())
                    && Modifier.isPublic(method.getModifiers()) && method.getParameterCount() == 1
                    && method.getParameterTypes()[0] == String.class && type.isAssignableFrom(method.getReturnType())) {
                return link(method);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Function<String, ?> link(Method method) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle target = lookup.unreflect(method);
            return (Function<String, ?>) LambdaMetafactory.metafactory(lookup, "apply",
                            MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class),
                            target, target.type())
                    .getTarget().invokeExact();
        } catch (VirtualMachineError error) {
            throw error;
        } catch (Throwable unlinkable) {
            return null; // Jackson's reader stays
        }
    }

    /**
     * Strings through the factory; everything else, and every other part of the contract, to Jackson's reader. A
     * string that the factory answered with a known constant of exactly that text is matched against the parser's
     * characters the next time, so the values a result repeats on every block cost neither a string nor a lookup.
     */
    static final class ApiEnumDeserializer extends DelegatingDeserializer {

        private static final long serialVersionUID = 1L;
        /** More constants than any type declares; beyond it the factory answers every value. */
        private static final int MAX_REMEMBERED = 64;

        private final transient Function<String, ?> factory;
        /**
         * The constants met so far with their text. Replaced whole when one is added; a thread that adds one while
         * another does loses nothing but that entry, found again next time.
         */
        private transient volatile KnownText[] remembered = new KnownText[0];

        ApiEnumDeserializer(JsonDeserializer<?> jackson, Function<String, ?> factory) {
            super(jackson);
            this.factory = factory;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> jackson) {
            return new ApiEnumDeserializer(jackson, factory);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return _delegatee.deserialize(parser, context);
            }
            if (!parser.hasTextCharacters()) {
                return factory.apply(parser.getText()); // a buffered token holds its string already
            }
            char[] characters = parser.getTextCharacters();
            int offset = parser.getTextOffset();
            int length = parser.getTextLength();
            KnownText[] known = remembered;
            for (KnownText entry : known) {
                if (Arrays.equals(entry.text, 0, entry.text.length, characters, offset, offset + length)) {
                    return entry.constant;
                }
            }
            String text = new String(characters, offset, length);
            Object value = factory.apply(text);
            if (value instanceof ApiEnum constant && constant.isKnown() && constant.value().equals(text)
                    && known.length < MAX_REMEMBERED) {
                KnownText[] more = Arrays.copyOf(known, known.length + 1);
                more[known.length] = new KnownText(text.toCharArray(), constant);
                remembered = more;
            }
            return value;
        }

        /** The texts of the constants remembered so far; for tests. */
        List<String> rememberedTexts() {
            return Arrays.stream(remembered).map(entry -> new String(entry.text)).toList();
        }
    }

    /** A known constant and its exact text. */
    private record KnownText(char[] text, ApiEnum constant) {
    }
}
