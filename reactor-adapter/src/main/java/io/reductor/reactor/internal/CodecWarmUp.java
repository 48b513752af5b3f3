package io.reductor.reactor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.cite.CiteRequest;
import io.reductor.core.model.cite.CiteResponse;
import io.reductor.core.model.classify.ClassifyRequest;
import io.reductor.core.model.classify.ClassifyResponse;
import io.reductor.core.model.edit.EditRequest;
import io.reductor.core.model.edit.EditResponse;
import io.reductor.core.model.extract.ExtractRequest;
import io.reductor.core.model.extract.ExtractResult;
import io.reductor.core.model.job.JobResponse;
import io.reductor.core.model.job.JobsPage;
import io.reductor.core.model.job.SubmittedJob;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseRequest;
import io.reductor.core.model.parse.ParseResponse;
import io.reductor.core.model.pipeline.PipelineRequest;
import io.reductor.core.model.pipeline.PipelineResponse;
import io.reductor.core.model.split.SplitRequest;
import io.reductor.core.model.split.SplitResponse;
import io.reductor.core.model.upload.Upload;

/**
 * Prepares the codec's readers and writers for every type a client reads or writes, once per class loader, when the
 * first client is built: off the event loop, so that the first response is not decoded by a cold codec.
 */
public final class CodecWarmUp {

    static {
        JsonCodec.standard().prepare(ParseRequest.class, ParseResponse.class, ExtractRequest.class, ExtractResult.class,
                SplitRequest.class, SplitResponse.class, EditRequest.class, EditResponse.class,
                PipelineRequest.class, PipelineResponse.class, ClassifyRequest.class, ClassifyResponse.class,
                CiteRequest.class, CiteResponse.class, SubmittedJob.class, JobResponse.class, JobsPage.class,
                Upload.class, FullResult.class, JsonNode.class, String.class);
    }

    private CodecWarmUp() {
    }

    /** Runs the preparation above, the first time it is called. */
    public static void ensure() {
        // the static initialiser did the work
    }
}
