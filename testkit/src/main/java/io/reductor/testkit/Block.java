package io.reductor.testkit;

import io.reductor.core.model.common.BlockType;
import io.reductor.core.model.common.BoundingBox;

import java.util.List;

/**
 * A layout block the simulator found: a title, a heading, a paragraph, a list item, a key-value line or a table,
 * with the lines it is made of.
 *
 * @param type         the block type
 * @param content      the text, lines joined with a space (paragraphs) or a newline (tables)
 * @param page         the 1-based page in the processed document
 * @param originalPage the 1-based page in the source document
 * @param lines        the lines, each with its own box
 */
record Block(BlockType type, String content, int page, int originalPage, List<DocumentText.Line> lines) {

    Block {
        lines = List.copyOf(lines);
    }

    /** The union of the lines' boxes. */
    BoundingBox bbox() {
        return box(lines);
    }

    /** The box of one of this block's lines. */
    BoundingBox bbox(DocumentText.Line line) {
        return box(List.of(line));
    }

    private BoundingBox box(List<DocumentText.Line> of) {
        double left = 1;
        double top = 1;
        double right = 0;
        double bottom = 0;
        for (DocumentText.Line line : of) {
            left = Math.min(left, line.left());
            top = Math.min(top, line.top());
            right = Math.max(right, line.left() + line.width());
            bottom = Math.max(bottom, line.top() + line.height());
        }
        if (of.isEmpty()) {
            left = top = right = bottom = 0;
        }
        return BoundingBox.builder().left(round(left)).top(round(top)).width(round(right - left))
                .height(round(bottom - top)).page(page).originalPage(originalPage).build();
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
