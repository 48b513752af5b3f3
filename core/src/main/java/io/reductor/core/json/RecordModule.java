package io.reductor.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.IgnorePropertiesUtil;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Binds records in one pass over their JSON object, with the absent value of each component worked out once per
 * record type. Jackson's own path buffers every object's values and, for each component the JSON leaves out, asks the
 * component's deserializer for its absent value, two virtual calls per missing component per object: parse results
 * leave most optional fields of their blocks out, and that lookup was a fifth of decoding one.
 *
 * <p>The rules stay Jackson's: the same components found by the same names, each read by its own deserializer with
 * its null handling ({@code @JsonSetter(nulls = FAIL)} included), unknown fields to the record's
 * {@code @JsonAnySetter} map, a missing {@code required} component reported with Jackson's message and path, and
 * failures in the canonical constructor wrapped as Jackson wraps them. A record this table cannot describe (views,
 * injected values, object ids, unwrapped or external-type properties, a property outside the canonical constructor,
 * more than 64 components, an absent value that is not a constant) keeps Jackson's path, and so does a call made with
 * a feature that changes how missing or null components are read.
 */
final class RecordModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    RecordModule() {
        super("ReductorRecords");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addBeanDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return description.getBeanClass().isRecord() && deserializer.getClass() == BeanDeserializer.class
                        ? new RecordDeserializer((BeanDeserializer) deserializer)
                        : deserializer;
            }
        });
    }

    /** A record's deserializer that reads its canonical constructor's arguments into a plain array. */
    static final class RecordDeserializer extends BeanDeserializer {

        private static final long serialVersionUID = 1L;

        /** The features under which a missing or null component reads differently; with any set, Jackson reads. */
        private static final int MISSING_OR_NULL_FEATURES =
                DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES.getMask()
                        | DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES.getMask()
                        | DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES.getMask();

        /** What one pass needs, made when the deserializer is resolved; {@code null} when Jackson's path must read. */
        private transient Plan plan;

        RecordDeserializer(BeanDeserializer source) {
            super(source);
        }

        /** Whether this record is read in one pass (else by Jackson's own path); for tests. */
        boolean readsInOnePass() {
            return plan != null;
        }

        /**
         * The field names guessed at each position of an object, {@code null} where none was read yet, none when the
         * record is not read in one pass; for tests.
         */
        List<String> guessedNames() {
            return plan == null ? List.of()
                    : Arrays.stream(plan.guesses).map(guess -> guess == null ? null : guess.name()).toList();
        }

        @Override
        public void resolve(DeserializationContext context) throws JsonMappingException {
            super.resolve(context);
            plan = (context.getDeserializationFeatures() & MISSING_OR_NULL_FEATURES) == 0 ? plan(context) : null;
        }

        @Override
        protected Object _deserializeUsingPropertyBased(JsonParser parser, DeserializationContext context)
                throws IOException {
            Plan plan = this.plan;
            if (plan == null || (context.getDeserializationFeatures() & MISSING_OR_NULL_FEATURES) != 0) {
                return super._deserializeUsingPropertyBased(parser, context);
            }
            return readObject(plan, null, parser, context);
        }

        /**
         * Whether {@link #deserializeAfterLeadingField} reads with {@code context}; otherwise the object must be
         * read from one parser that gives all its tokens, as Jackson reads it.
         */
        boolean readsAfterLeadingField(DeserializationContext context) {
            return plan != null && (context.getDeserializationFeatures() & MISSING_OR_NULL_FEATURES) == 0;
        }

        /**
         * Reads an object whose first field was already read from the real parser: {@code leading} gives its
         * {@code START_OBJECT} and that field, {@code rest} is on the field's value and gives the rest of the object.
         * The rest is read from {@code rest} itself, not through a parser that joins the two, which would add a call
         * to every token below.
         */
        Object deserializeAfterLeadingField(JsonParser leading, JsonParser rest, DeserializationContext context)
                throws IOException {
            leading.nextToken();
            return readObject(plan, leading, rest, context);
        }

        /**
         * Reads the fields of an object into the canonical constructor's arguments: those {@code leading} gives,
         * when it is not {@code null}, then those {@code parser} gives (on the value of the last field
         * {@code leading} gave); {@code parser} ends on the object's {@code END_OBJECT}.
         */
        private Object readObject(Plan plan, JsonParser leading, JsonParser parser, DeserializationContext context)
                throws IOException {
            Object[] arguments = plan.absentValues.clone();
            FieldGuess[] guesses = plan.guesses;
            long present = 0;
            Object extras = null;
            int position = 0;
            JsonParser source = leading != null ? leading : parser;
            for (JsonToken token = source.currentToken(); ; token = nextField(source, guesses, position)) {
                if (token != JsonToken.FIELD_NAME) {
                    if (source == parser) {
                        break;
                    }
                    source = parser;
                    token = nextField(parser, guesses, position);
                    if (token != JsonToken.FIELD_NAME) {
                        break;
                    }
                }
                String name = source.currentName();
                source.nextToken();
                SettableBeanProperty component;
                FieldGuess guess = position < guesses.length ? guesses[position] : null;
                if (guess != null && name.equals(guess.name())) {
                    component = guess.component;
                } else {
                    component = component(plan, name);
                    if (position < guesses.length) {
                        guesses[position] = new FieldGuess(new SerializedString(name), component);
                    }
                }
                position++;
                if (component != null) {
                    int index = component.getCreatorIndex();
                    arguments[index] = _deserializeWithErrorWrapping(source, context, component);
                    present |= 1L << index;
                } else if (IgnorePropertiesUtil.shouldIgnore(name, _ignorableProps, _includableProps)) {
                    handleIgnoredProperty(source, context, handledType(), name);
                } else if (_anySetter != null) {
                    if (extras == null) {
                        extras = _anySetter.createParameterObject();
                    }
                    try {
                        _anySetter.set(extras, name, _anySetter.deserialize(source, context));
                    } catch (Exception e) {
                        wrapAndThrow(e, _beanType.getRawClass(), name, context);
                    }
                } else {
                    handleUnknownProperty(source, context, handledType(), name);
                }
            }
            long missingRequired = plan.required & ~present;
            if (missingRequired != 0) {
                SettableBeanProperty missing = plan.components[Long.numberOfTrailingZeros(missingRequired)];
                return context.reportInputMismatch(missing, "Missing required creator property '%s' (index %d)",
                        missing.getName(), missing.getCreatorIndex());
            }
            if (_anySetter != null) {
                arguments[_anySetter.getParameterIndex()] = extras != null || plan.extrasMayBeNull
                        ? extras
                        : _anySetter.createParameterObject();
            }
            try {
                return _valueInstantiator.createFromObjectWith(context, arguments);
            } catch (Exception e) {
                return wrapInstantiationProblem(e, context);
            }
        }

        /**
         * Moves {@code source} to the next token, expecting the field name guessed at {@code position}: the
         * streaming parser then compares the input's bytes with the name's instead of hashing them and looking them
         * up in its table of names, and falls back to that lookup when they differ.
         */
        private static JsonToken nextField(JsonParser source, FieldGuess[] guesses, int position) throws IOException {
            FieldGuess guess = position < guesses.length ? guesses[position] : null;
            if (guess == null) {
                return source.nextToken();
            }
            return source.nextFieldName(guess.quoted) ? JsonToken.FIELD_NAME : source.currentToken();
        }

        /** This record's plan, or {@code null} when its shape needs Jackson's own path. */
        private Plan plan(DeserializationContext context) {
            if (getValueInstantiator() == null || !getValueInstantiator().canCreateFromObjectWith()
                    || getObjectIdReader() != null || hasViews() || _propertyBasedCreator == null
                    || _unwrappedPropertyHandler != null || _externalTypeIdHandler != null
                    || _injectables != null
                    || (_anySetter != null && _anySetter.getParameterIndex() < 0)) {
                return null;
            }
            for (Iterator<SettableBeanProperty> it = properties(); it.hasNext(); ) {
                if (it.next().getCreatorIndex() < 0) {
                    return null;
                }
            }
            int count = _propertyBasedCreator.properties().size();
            if (count > Long.SIZE) {
                return null;
            }
            SettableBeanProperty[] components = new SettableBeanProperty[count];
            Object[] absentValues = new Object[count];
            long required = 0;
            for (SettableBeanProperty component : _propertyBasedCreator.properties()) {
                int index = component.getCreatorIndex();
                if (index < 0 || index >= count || component.getInjectionDefinition() != null) {
                    return null;
                }
                components[index] = component;
                if (_anySetter != null && index == _anySetter.getParameterIndex()) {
                    continue;
                }
                if (component.isRequired()) {
                    required |= 1L << index;
                    continue;
                }
                Object absent;
                try {
                    absent = component.getNullValueProvider().getAbsentValue(context);
                    if (absent == null) {
                        absent = component.getValueDeserializer().getAbsentValue(context);
                    }
                } catch (JsonMappingException e) {
                    return null; // absent, it fails (a null that is refused): Jackson reports it per object
                }
                if (!Plan.isConstant(absent)) {
                    return null;
                }
                absentValues[index] = absent;
            }
            for (SettableBeanProperty component : components) {
                if (component == null) {
                    return null;
                }
            }
            boolean extrasMayBeNull = handledType().isAnnotationPresent(WireSchema.class);
            return new Plan(components, absentValues, required, extrasMayBeNull,
                    new FieldGuess[count + EXTRA_FIELD_GUESSES]);
        }

        /**
         * The component {@code name} sets, or {@code null}. Looked up in the bean's property table, which tries the
         * parser's interned name by identity first, and holds the aliases; the creator's own lookup, a hash map
         * whose keys are not the parser's strings, took a sixth of the decode.
         */
        private SettableBeanProperty component(Plan plan, String name) {
            SettableBeanProperty property = _beanProperties.find(name);
            if (property != null) {
                return property.getCreatorIndex() < 0 ? null : plan.components[property.getCreatorIndex()];
            }
            return _propertyBasedCreator.findCreatorProperty(name);
        }
    }

    /** How many fields beyond the components an object may have and still have each one's name guessed. */
    private static final int EXTRA_FIELD_GUESSES = 4;

    /**
     * A record's components by constructor position, the value each takes when the JSON leaves it out, the required
     * ones as a bit mask, whether the record's constructor accepts a {@code null} map of unknown fields, and by
     * position in the object, the name last read there with the component it set.
     *
     * <p>The service writes the fields of a kind of object in the same order every time, and the parser hands out
     * the same string for the same name, so the name at a position is almost always the one seen there before: the
     * parser is asked for that name and compares it with the input's bytes (Jackson's
     * {@link JsonParser#nextFieldName(com.fasterxml.jackson.core.SerializableString)}), and the name it hands back
     * is the guess itself, so the comparison that follows succeeds on identity; no name is hashed or looked up. The
     * guesses are shared by every thread that decodes this record; each is immutable, so a thread sees a whole one or an older one, a wrong guess costs only
     * the lookup it would have made anyway, and a guess is replaced only when another name is read at its
     * position.
     */
    private record Plan(SettableBeanProperty[] components, Object[] absentValues, long required,
            boolean extrasMayBeNull, FieldGuess[] guesses) {

        /** Values that can be shared by every record decoded: no value, an absent {@link Nullable}, a boxed primitive. */
        static boolean isConstant(Object value) {
            return value == null || value instanceof Nullable<?> nullable && nullable.isAbsent()
                    || value instanceof Number || value instanceof Boolean || value instanceof Character;
        }
    }

    /**
     * A field name as the parser handed it out, kept with its quoted UTF-8 bytes for the parser to match, and the
     * component it sets ({@code null}: none).
     */
    private record FieldGuess(SerializedString quoted, SettableBeanProperty component) {
        String name() {
            return quoted.getValue();
        }
    }
}
