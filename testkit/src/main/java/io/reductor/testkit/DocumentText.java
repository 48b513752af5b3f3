package io.reductor.testkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of a document as the simulator reads it: pages of lines, each line with its position on the page as
 * fractions of the page's width and height (0 at the top left), the way Reducto reports bounding boxes.
 *
 * @param pages the pages, in document order
 */
record DocumentText(List<Page> pages) {

    DocumentText {
        pages = List.copyOf(pages);
    }

    /**
     * One page.
     *
     * @param number the 1-based page number in the source document
     * @param lines  the lines in reading order
     */
    record Page(int number, List<Line> lines) {
        Page {
            lines = List.copyOf(lines);
        }

        /** The page's text, one line per line. */
        String text() {
            return lines.stream().map(Line::text).collect(Collectors.joining("\n"));
        }
    }

    /**
     * One line of text.
     *
     * @param text           the text, stripped
     * @param left           distance from the left edge, as a fraction of the page width
     * @param top            distance from the top edge, as a fraction of the page height
     * @param width          the width, as a fraction of the page width
     * @param height         the height, as a fraction of the page height
     * @param paragraphStart whether a new paragraph starts at this line (blank line or wide gap before it)
     */
    record Line(String text, double left, double top, double width, double height, boolean paragraphStart) {
    }

    /** The number of pages. */
    int pageCount() {
        return pages.size();
    }

    /** The whole text, pages separated by blank lines. */
    String text() {
        return pages.stream().map(Page::text).collect(Collectors.joining("\n\n"));
    }

    /** Only the pages whose source numbers {@code keep} accepts, in order. */
    DocumentText select(java.util.function.IntPredicate keep) {
        return new DocumentText(pages.stream().filter(p -> keep.test(p.number())).toList());
    }

    /** This document's pages followed by {@code other}'s, renumbered to follow on. */
    DocumentText append(DocumentText other) {
        java.util.ArrayList<Page> all = new java.util.ArrayList<>(pages);
        for (Page page : other.pages) {
            all.add(new Page(all.size() + 1, page.lines()));
        }
        return new DocumentText(all);
    }
}
