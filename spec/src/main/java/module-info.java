/**
 * The vendored Reducto API description and its loader and validator, exported as {@code io.reductor.spec}; the spec
 * files are resources of that package, read by {@code SpecDocuments} itself.
 */
module io.reductor.spec {
    requires transitive com.fasterxml.jackson.databind;
    requires transitive com.networknt.schema;

    exports io.reductor.spec;
}
