/**
 * Reductor's core: the Reducto API as immutable records, their JSON codec and the error types. Every package is API,
 * so every package is exported; every package holds types that Jackson constructs or reads reflectively (records,
 * open enums, deserializers named in annotations), so every package is also opened to Jackson databind, and to it
 * alone.
 */
module io.reductor.core {
    requires transitive com.fasterxml.jackson.annotation;
    requires transitive com.fasterxml.jackson.core;
    requires transitive com.fasterxml.jackson.databind;

    exports io.reductor.core.error;
    exports io.reductor.core.json;
    exports io.reductor.core.model.cite;
    exports io.reductor.core.model.classify;
    exports io.reductor.core.model.common;
    exports io.reductor.core.model.edit;
    exports io.reductor.core.model.extract;
    exports io.reductor.core.model.job;
    exports io.reductor.core.model.legacy;
    exports io.reductor.core.model.parse;
    exports io.reductor.core.model.pipeline;
    exports io.reductor.core.model.split;
    exports io.reductor.core.model.upload;
    exports io.reductor.core.webhook;

    opens io.reductor.core.error to com.fasterxml.jackson.databind;
    opens io.reductor.core.json to com.fasterxml.jackson.databind;
    opens io.reductor.core.model.cite to com.fasterxml.jackson.databind;
    opens io.reductor.core.model.classify to com.fasterxml.jackson.databind;
    opens io.reductor.core.model.common to com.fasterxml.jackson.databind;
    opens io.reductor.core.model.edit to com.fasterxml.jackson.databind;
    opens io.reductor.core.model.extract to com.fasterxml.jackson.databind;
    opens io.reductor.core.model.job to com.fasterxml.jackson.databind;
    opens io.reductor.core.model.legacy to com.fasterxml.jackson.databind;
    opens io.reductor.core.model.parse to com.fasterxml.jackson.databind;
    opens io.reductor.core.model.pipeline to com.fasterxml.jackson.databind;
    opens io.reductor.core.model.split to com.fasterxml.jackson.databind;
    opens io.reductor.core.model.upload to com.fasterxml.jackson.databind;
    opens io.reductor.core.webhook to com.fasterxml.jackson.databind;
}
