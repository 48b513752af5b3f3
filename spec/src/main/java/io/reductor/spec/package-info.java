/**
 * The vendored Reducto API descriptions, for the simulator and for every test that checks a request or response against
 * the contract. {@link io.reductor.spec.SpecDocuments} is the only reader of the spec files (the SDK's
 * {@code openapi.json} and the newer per-tag files, resources of this package), parsed once per JVM into shared trees
 * that must not be modified. {@link io.reductor.spec.SpecValidator} checks JSON against a named schema or an
 * operation's request body with the OpenAPI 3.1 dialect, never fetching anything from the network, and reports each
 * problem as one line; an empty list means valid. Unknown file names, schemas and operations are
 * {@link IllegalArgumentException}s; an unreadable vendored file is an {@link java.io.UncheckedIOException}.
 */
package io.reductor.spec;
