package io.reductor.core.json;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.ReferenceTypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.ReferenceTypeSerializer;
import com.fasterxml.jackson.databind.type.ReferenceType;
import com.fasterxml.jackson.databind.type.TypeBindings;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.type.TypeModifier;
import com.fasterxml.jackson.databind.util.NameTransformer;

import java.lang.reflect.Type;

/**
 * Teaches Jackson that {@link Nullable} is a reference type (like {@code Optional}) whose absent state is omitted on
 * write and produced when a property is missing on read, while JSON {@code null} becomes {@link Nullable#ofNull()}.
 */
final class NullableModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    NullableModule() {
        super("ReductorNullable");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addTypeModifier(new AsReferenceType());
        context.addDeserializers(new Deserializers.Base() {
            @Override
            public JsonDeserializer<?> findReferenceDeserializer(ReferenceType type, DeserializationConfig config,
                    BeanDescription description, TypeDeserializer contentTypeDeserializer,
                    JsonDeserializer<?> contentDeserializer) {
                return type.hasRawClass(Nullable.class)
                        ? new NullableDeserializer(type, null, contentTypeDeserializer, contentDeserializer)
                        : null;
            }
        });
        context.addSerializers(new Serializers.Base() {
            @Override
            public JsonSerializer<?> findReferenceSerializer(SerializationConfig config, ReferenceType type,
                    BeanDescription description, TypeSerializer contentTypeSerializer,
                    JsonSerializer<Object> contentSerializer) {
                return type.hasRawClass(Nullable.class)
                        ? new NullableSerializer(type, contentTypeSerializer, contentSerializer)
                        : null;
            }
        });
    }

    private static final class AsReferenceType extends TypeModifier implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public JavaType modifyType(JavaType type, Type jdkType, TypeBindings bindings, TypeFactory factory) {
            if (type.isReferenceType() || type.isContainerType() || type.getRawClass() != Nullable.class) {
                return type;
            }
            return ReferenceType.upgradeFrom(type, type.containedTypeOrUnknown(0));
        }
    }

    private static final class NullableDeserializer extends ReferenceTypeDeserializer<Nullable<Object>> {
        private static final long serialVersionUID = 1L;

        NullableDeserializer(JavaType type, ValueInstantiator instantiator, TypeDeserializer typeDeserializer,
                JsonDeserializer<?> deserializer) {
            super(type, instantiator, typeDeserializer, deserializer);
        }

        @Override
        protected NullableDeserializer withResolved(TypeDeserializer typeDeserializer,
                JsonDeserializer<?> valueDeserializer) {
            return new NullableDeserializer(_fullType, _valueInstantiator, typeDeserializer, valueDeserializer);
        }

        @Override
        public Nullable<Object> getNullValue(DeserializationContext context) {
            return Nullable.ofNull();
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return Nullable.absent();
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) {
            return Nullable.absent();
        }

        @Override
        public Nullable<Object> referenceValue(Object contents) {
            return Nullable.of(contents);
        }

        @Override
        public Object getReferenced(Nullable<Object> reference) {
            return reference.orElse(null);
        }

        @Override
        public Nullable<Object> updateReference(Nullable<Object> reference, Object contents) {
            return Nullable.of(contents);
        }
    }

    private static final class NullableSerializer extends ReferenceTypeSerializer<Nullable<?>> {
        private static final long serialVersionUID = 1L;

        NullableSerializer(ReferenceType type, TypeSerializer typeSerializer, JsonSerializer<Object> serializer) {
            super(type, true, typeSerializer, serializer);
        }

        private NullableSerializer(NullableSerializer base, BeanProperty property, TypeSerializer typeSerializer,
                JsonSerializer<?> serializer, NameTransformer unwrapper, Object suppressableValue,
                boolean suppressNulls) {
            super(base, property, typeSerializer, serializer, unwrapper, suppressableValue, suppressNulls);
        }

        @Override
        protected ReferenceTypeSerializer<Nullable<?>> withResolved(BeanProperty property,
                TypeSerializer typeSerializer, JsonSerializer<?> serializer, NameTransformer unwrapper) {
            return new NullableSerializer(this, property, typeSerializer, serializer, unwrapper,
                    _suppressableValue, _suppressNulls);
        }

        @Override
        public ReferenceTypeSerializer<Nullable<?>> withContentInclusion(Object suppressableValue,
                boolean suppressNulls) {
            return new NullableSerializer(this, _property, _valueTypeSerializer, _valueSerializer, _unwrapper,
                    suppressableValue, suppressNulls);
        }

        /** Only an absent field is left out; an explicit null is written, whatever the inclusion rule. */
        @Override
        public boolean isEmpty(SerializerProvider provider, Nullable<?> value) {
            return value == null || value.isAbsent();
        }

        @Override
        protected boolean _isValuePresent(Nullable<?> value) {
            return value.isPresent();
        }

        @Override
        protected Object _getReferenced(Nullable<?> value) {
            return value.orElse(null);
        }

        @Override
        protected Object _getReferencedIfPresent(Nullable<?> value) {
            return value.orElse(null);
        }
    }
}
