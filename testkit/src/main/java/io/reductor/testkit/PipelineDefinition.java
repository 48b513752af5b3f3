package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.model.parse.ParseOptions;
import io.reductor.core.model.split.SplitCategory;

import java.util.List;
import java.util.Objects;

/**
 * What a pipeline id names in the simulator: parse options, and optionally an extraction schema and split categories.
 * A pipeline always parses; with categories it splits; with a schema it extracts (per split section when it also
 * splits). Register with {@link ReductoSimulator#registerPipeline(String, PipelineDefinition)}.
 *
 * <pre>{@code
 * simulator.registerPipeline("invoices", PipelineDefinition.builder()
 *         .extract(schema)
 *         .build());
 * }</pre>
 *
 * @param parsing         parse options, or {@code null} for defaults
 * @param extractSchema   the JSON schema to extract, or {@code null} for no extraction
 * @param citations       whether extraction answers with citations ({@code v3_extract})
 * @param splitCategories the categories to split into; empty for no split
 */
public record PipelineDefinition(ParseOptions parsing, JsonNode extractSchema, boolean citations,
                                 List<SplitCategory> splitCategories) {

    /**
     * Copies the categories.
     *
     * @param parsing         parse options, or {@code null} for the defaults
     * @param extractSchema   the JSON schema to extract, or {@code null} for no extraction
     * @param citations       whether extraction answers with citations
     * @param splitCategories the categories to split into; not {@code null}, empty for no split
     */
    public PipelineDefinition {
        splitCategories = List.copyOf(splitCategories);
    }

    /**
     * A pipeline that only parses, with default options.
     *
     * @return a definition with default parse options, no extraction and no split
     */
    public static PipelineDefinition parseOnly() {
        return builder().build();
    }

    /**
     * A builder of a parse-only pipeline.
     *
     * @return a new builder; without further settings it builds a parse-only pipeline
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link PipelineDefinition} values. */
    public static final class Builder {
        private ParseOptions parsing;
        private JsonNode extractSchema;
        private boolean citations;
        private List<SplitCategory> splitCategories = List.of();

        private Builder() {
        }

        /**
         * The parse options.
         *
         * @param parsing the parse options, or {@code null} for the defaults
         * @return this builder
         */
        public Builder parsing(ParseOptions parsing) {
            this.parsing = parsing;
            return this;
        }

        /**
         * Extracts with this JSON schema, without citations.
         *
         * @param schema a JSON schema of the values to extract; not {@code null}
         * @return this builder
         */
        public Builder extract(JsonNode schema) {
            this.extractSchema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /**
         * Whether the extraction answers with citations.
         *
         * @param citations {@code true} for a {@code v3_extract} answer with citations
         * @return this builder
         */
        public Builder citations(boolean citations) {
            this.citations = citations;
            return this;
        }

        /**
         * Splits into these categories.
         *
         * @param categories the categories to split into; not {@code null}, empty for no split
         * @return this builder
         */
        public Builder split(List<SplitCategory> categories) {
            this.splitCategories = Objects.requireNonNull(categories, "categories");
            return this;
        }

        /**
         * Creates the definition.
         *
         * @return the definition
         */
        public PipelineDefinition build() {
            return new PipelineDefinition(parsing, extractSchema, citations, splitCategories);
        }
    }
}
