package io.reductor.testkit;

import io.reductor.core.model.classify.ClassificationResult;
import io.reductor.core.model.classify.ClassifyRequest;
import io.reductor.core.model.classify.ClassifyResponse;
import io.reductor.core.model.classify.ClassifyUsage;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.job.JobType;

/** {@code POST /classify}: the category whose criteria best match the document ({@link Categorizer#classify}). */
final class ClassifyJob extends JobKind<ClassifyRequest> {

    private final InputResolver inputs;

    ClassifyJob(InputResolver inputs) {
        super(JobType.CLASSIFY, ClassifyRequest.class);
        this.inputs = inputs;
    }

    @Override
    DocumentInput input(ClassifyRequest request) {
        return request.input();
    }

    @Override
    Plan plan(ClassifyRequest request) {
        return new Plan(inputs.resolve(request.input()), null, ParseEngine.pageFilter(request.pageRange()),
                (job, text, duration) -> {
                    Categorizer.Classification classification = Categorizer.classify(Layout.blocks(text),
                            request.classificationSchema());
                    return Json.tree(ClassifyResponse.builder().jobId(job.id)
                            .result(ClassificationResult.builder().category(classification.category()).build())
                            .responseConfidence(classification.confidence()).duration(duration)
                            .responseType("classify")
                            .usage(ClassifyUsage.builder().numPages(text.pageCount())
                                    .numCategories(request.classificationSchema().size())
                                    .credits(text.pageCount() * 0.5).build())
                            .build());
                });
    }
}
