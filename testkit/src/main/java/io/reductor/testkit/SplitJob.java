package io.reductor.testkit;

import io.reductor.core.model.common.AsyncOptions;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobType;
import io.reductor.core.model.parse.ParseOptions;
import io.reductor.core.model.split.SplitCategory;
import io.reductor.core.model.split.SplitRequest;
import io.reductor.core.model.split.SplitResponse;

import java.util.List;

/** {@code POST /split} and {@code /split_async}: each page given to a category ({@link Categorizer#split}). */
final class SplitJob extends JobKind<SplitRequest> {

    private final InputResolver inputs;

    SplitJob(InputResolver inputs) {
        super(JobType.SPLIT, SplitRequest.class);
        this.inputs = inputs;
    }

    @Override
    DocumentInput input(SplitRequest request) {
        return request.input();
    }

    @Override
    AsyncOptions async(SplitRequest request) {
        return request.async();
    }

    @Override
    Plan plan(SplitRequest request) {
        ParseOptions parsing = request.parsing();
        List<SplitCategory> categories = request.splitDescription();
        return new Plan(inputs.resolve(request.input()), ParseEngine.password(parsing),
                ParseEngine.pageFilter(parsing),
                (job, text, duration) -> Json.tree(split(text, Layout.blocks(text), categories)));
    }

    /** The split of a document's pages, from its blocks. */
    static SplitResponse split(DocumentText text, List<Block> blocks, List<SplitCategory> categories) {
        return SplitResponse.builder().usage(ParseEngine.usage(text.pageCount(), 1.0))
                .result(Categorizer.split(blocks, text.pageCount(), categories)).responseType("split").build();
    }
}
