package io.reductor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.reductor.core.error.ReductoDecodeException;
import io.reductor.core.model.cite.CitationMatch;
import io.reductor.core.model.cite.CitationQuery;
import io.reductor.core.model.cite.CitationQueryResult;
import io.reductor.core.model.cite.CiteRequest;
import io.reductor.core.model.cite.CiteResponse;
import io.reductor.core.model.cite.CiteSource;
import io.reductor.core.model.common.BlockType;
import io.reductor.core.model.common.BoundingBox;
import io.reductor.core.model.common.DocumentInput;
import io.reductor.core.model.parse.FullResult;
import io.reductor.core.model.parse.ParseBlock;
import io.reductor.core.model.parse.ParseChunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /cite}: finds each query's text (case and spacing ignored) in the blocks of an earlier parse, a
 * {@code jobid://} reference or a given {@code FullResult}, within the query's bounding-box filter if any; matches are
 * grouped by page.
 */
final class CiteEndpoint {

    private final InputResolver inputs;

    CiteEndpoint(InputResolver inputs) {
        this.inputs = inputs;
    }

    /** Answers a request whose body already passed spec validation. */
    Reply cite(JsonNode body) {
        CiteRequest request;
        List<Block> blocks;
        try {
            request = Json.codec().decode(body, CiteRequest.class);
            blocks = blocks(request.source());
        } catch (ReductoDecodeException e) {
            return Reply.invalidBody(e.getMessage());
        } catch (Refusal refusal) {
            return refusal.reply();
        }
        List<CitationQueryResult> results = new ArrayList<>();
        for (CitationQuery query : request.queries()) {
            Map<Integer, List<BoundingBox>> byPage = new LinkedHashMap<>();
            String wanted = query.text().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
            for (Block block : blocks) {
                String content = block.content().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                BoundingBox box = block.bbox();
                if (!wanted.isEmpty() && content.contains(wanted) && within(box, query.bboxFilter())) {
                    byPage.computeIfAbsent(block.page(), k -> new ArrayList<>()).add(box);
                }
            }
            List<CitationMatch> matches = new ArrayList<>();
            byPage.forEach((page, boxes) -> matches.add(CitationMatch.builder().page(page).bboxes(boxes).build()));
            results.add(CitationQueryResult.builder().matches(matches).build());
        }
        return Reply.ok(CiteResponse.builder().results(results).duration(0.01).build());
    }

    /**
     * The blocks of the source.
     *
     * @throws Refusal when the referenced job is unknown or not completed
     */
    private List<Block> blocks(CiteSource source) {
        if (source instanceof CiteSource.Result result) {
            return blocksOf(result.result());
        }
        String reference = ((CiteSource.JobReference) source).reference();
        return Layout.blocks(inputs.resolve(reference.startsWith(DocumentInput.JOB_REFERENCE_PREFIX) ? reference
                : DocumentInput.JOB_REFERENCE_PREFIX + reference).text());
    }

    private static boolean within(BoundingBox box, BoundingBox filter) {
        if (filter == null) {
            return true;
        }
        if (filter.page() != null && !filter.page().equals(box.page())) {
            return false;
        }
        return box.left() < filter.left() + filter.width() && filter.left() < box.left() + box.width()
                && box.top() < filter.top() + filter.height() && filter.top() < box.top() + box.height();
    }

    private static List<Block> blocksOf(FullResult result) {
        List<Block> blocks = new ArrayList<>();
        for (ParseChunk chunk : result.chunks()) {
            for (ParseBlock block : chunk.blocks()) {
                BoundingBox b = block.bbox();
                int page = b.page() == null ? 1 : b.page();
                DocumentText.Line line = new DocumentText.Line(block.content(), value(b.left()), value(b.top()),
                        value(b.width()), value(b.height()), true);
                blocks.add(new Block(block.type() == null ? BlockType.TEXT : block.type(), block.content(), page,
                        b.originalPage() == null ? page : b.originalPage(), List.of(line)));
            }
        }
        return blocks;
    }

    private static double value(Double number) {
        return number == null ? 0 : number;
    }
}
