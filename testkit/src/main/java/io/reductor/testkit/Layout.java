package io.reductor.testkit;

import io.reductor.core.model.common.BlockType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns lines into layout blocks with simple, deterministic rules: the first heading-like line of the document is the
 * title; short lines without closing punctuation that are numbered, in capitals, Markdown headings or in title case are
 * section headers (a {@code Key: value} line is a key-value block first); bullets and numbers start list items; lines with
 * pipes or tabs are table rows (consecutive rows make one table); a bare number at the end of a page is its page
 * number; other lines are text, and consecutive text lines without a paragraph break make one paragraph.
 */
final class Layout {

    private static final Pattern PAGE_NUMBER = Pattern.compile("(?i)^(page\\s+)?\\d{1,4}(\\s*(/|of)\\s*\\d{1,4})?$");
    private static final Pattern LIST_ITEM = Pattern.compile("^([-\u2022*\u25aa\u25e6\u2013]|\\d{1,3}[.)]|[a-zA-Z][.)])\\s+\\S.*");
    private static final Pattern KEY_VALUE = Pattern.compile("^\\p{L}[\\p{L}\\p{N} .#/&()'-]{0,40}:\\s*\\S.*");
    private static final Pattern NUMBERED_HEADING = Pattern.compile("^(\\d+(\\.\\d+)*\\.?|[IVX]+\\.)\\s+\\p{Lu}.*");
    private static final Pattern MARKDOWN_HEADING = Pattern.compile("^(#{1,6})\\s+(\\S.*)$");

    private Layout() {
    }

    /** The blocks of a document; pages are numbered by position, with their source numbers kept. */
    static List<Block> blocks(DocumentText document) {
        List<Block> blocks = new ArrayList<>();
        boolean titleSeen = false;
        for (int p = 0; p < document.pages().size(); p++) {
            DocumentText.Page page = document.pages().get(p);
            List<DocumentText.Line> lines = page.lines();
            Pending pending = null;
            for (int i = 0; i < lines.size(); i++) {
                DocumentText.Line line = lines.get(i);
                String text = line.text();
                BlockType type;
                java.util.regex.Matcher markdown = MARKDOWN_HEADING.matcher(text);
                if (markdown.matches()) {
                    type = markdown.group(1).length() == 1 && !titleSeen ? BlockType.TITLE : BlockType.SECTION_HEADER;
                    text = markdown.group(2).strip();
                    line = new DocumentText.Line(text, line.left(), line.top(), line.width(), line.height(), true);
                } else if (i == lines.size() - 1 && PAGE_NUMBER.matcher(text).matches()) {
                    type = BlockType.PAGE_NUMBER;
                } else if (text.chars().filter(c -> c == '|').count() >= 2 || text.indexOf('\t') >= 0) {
                    type = BlockType.TABLE;
                } else if (LIST_ITEM.matcher(text).matches()) {
                    type = BlockType.LIST_ITEM;
                } else if (KEY_VALUE.matcher(text).matches()) {
                    type = BlockType.KEY_VALUE;
                } else if (isHeading(text, line.paragraphStart())) {
                    type = !titleSeen && blocks.isEmpty() && pending == null ? BlockType.TITLE : BlockType.SECTION_HEADER;
                } else {
                    type = BlockType.TEXT;
                }
                if (type.equals(BlockType.TITLE)) {
                    titleSeen = true;
                }
                boolean continues = pending != null && !line.paragraphStart()
                        && ((type.equals(BlockType.TEXT) && (pending.type.equals(BlockType.TEXT)
                                || pending.type.equals(BlockType.LIST_ITEM)))
                        || (type.equals(BlockType.TABLE) && pending.type.equals(BlockType.TABLE)));
                if (continues) {
                    pending.add(line, text);
                } else {
                    if (pending != null) {
                        blocks.add(pending.build(p + 1, page.number()));
                    }
                    pending = new Pending(type, line, text);
                }
            }
            if (pending != null) {
                blocks.add(pending.build(p + 1, page.number()));
            }
        }
        return blocks;
    }

    private static boolean isHeading(String text, boolean paragraphStart) {
        if (text.length() > 70 || text.length() < 3 || ".,;:".indexOf(text.charAt(text.length() - 1)) >= 0) {
            return false;
        }
        long letters = text.chars().filter(Character::isLetter).count();
        if (letters < 3) {
            return false;
        }
        if (NUMBERED_HEADING.matcher(text).matches()) {
            return true;
        }
        if (text.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)) {
            return true;
        }
        if (!paragraphStart) {
            return false;
        }
        String[] words = text.split("\\s+");
        if (words.length > 8) {
            return false;
        }
        for (String word : words) {
            if (word.length() >= 4 && Character.isLetter(word.charAt(0)) && !Character.isUpperCase(word.charAt(0))) {
                return false;
            }
        }
        return Character.isUpperCase(text.codePointAt(0));
    }

    /** A block being assembled. */
    private static final class Pending {
        final BlockType type;
        final List<DocumentText.Line> lines = new ArrayList<>();
        final StringBuilder content = new StringBuilder();

        Pending(BlockType type, DocumentText.Line line, String text) {
            this.type = type;
            lines.add(line);
            content.append(text);
        }

        void add(DocumentText.Line line, String text) {
            lines.add(line);
            content.append(type.equals(BlockType.TABLE) ? '\n' : ' ').append(text);
        }

        Block build(int page, int originalPage) {
            return new Block(type, content.toString(), page, originalPage, lines);
        }
    }
}
