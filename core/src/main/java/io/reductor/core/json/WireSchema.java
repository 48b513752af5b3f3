package io.reductor.core.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the schemas of the Reducto OpenAPI description that a model type represents. Several spec schemas can map
 * to one type (for example the synchronous and asynchronous variants of a request); the spec-coverage test uses this
 * to check that every property of every schema has a place in the model.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WireSchema {

    /** The schema names, as in {@code #/components/schemas/<name>}. */
    String[] value();
}
