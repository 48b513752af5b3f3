package io.reductor.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.spec.SpecValidator;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The response generator itself: valid documents, reproducible from a seed, and honest about branches not taken. */
class SpecResponseGeneratorTest {

    @Test
    void documentsAreValidUnderTheSchemaAndTheSameForTheSameSeed() {
        SpecResponseGenerator generator = new SpecResponseGenerator();
        for (long seed = 0; seed < 200; seed++) {
            JsonNode document = generator.generate(generator.schema("EnhancedAsyncJobResponse"), new Random(seed));

            assertThat(SpecValidator.instance().validate("openapi.json", "EnhancedAsyncJobResponse", document))
                    .as("seed %d: %s", seed, document).isEmpty();
            assertThat(new SpecResponseGenerator().generate(generator.schema("EnhancedAsyncJobResponse"),
                    new Random(seed))).isEqualTo(document);
        }
    }

    @Test
    void reportsTheUnionBranchesNoDocumentTook() {
        SpecResponseGenerator generator = new SpecResponseGenerator();
        JsonNode split = generator.schema("SplitResponse");

        assertThat(generator.branchesNeverTaken(split, "SplitResponse"))
                .contains("SplitResponse/result[0]", "SplitResponse/result[1]");

        for (long seed = 0; seed < 200; seed++) {
            generator.generate(split, new Random(seed));
        }
        assertThat(generator.branchesNeverTaken(split, "SplitResponse")).isEmpty();
    }

    @Test
    void addsUnknownFieldsAndLeavesOptionalOnesOut() {
        SpecResponseGenerator generator = new SpecResponseGenerator();
        boolean unknown = false;
        boolean withoutOptional = false;
        for (long seed = 0; seed < 50; seed++) {
            JsonNode job = generator.generate(generator.schema("EnhancedAsyncJobResponse"), new Random(seed));
            unknown |= job.properties().stream()
                    .anyMatch(field -> field.getKey().startsWith(SpecResponseGenerator.EXTRA_PREFIX));
            withoutOptional |= !job.has("progress");
        }
        assertThat(unknown).isTrue();
        assertThat(withoutOptional).isTrue();
    }
}
