package io.reductor.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a document's blocks in reading order, searchable by phrase and keyword, case-insensitively. Shared by
 * the simulated extract, split, classify and cite.
 */
final class TextIndex {

    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "that", "this", "from", "have",
            "has", "are", "was", "were", "any", "all", "its", "into", "other", "contains", "contain", "includes",
            "include", "including", "section", "sections", "content", "document", "documents", "page", "pages",
            "which", "such", "about", "their", "there", "these", "those", "some", "more", "most", "each", "only",
            "also", "than", "then", "when", "where", "what", "will", "would", "should", "could", "been", "being",
            "information", "details", "part", "parts");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    static final Pattern NUMBER = Pattern.compile("-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|-?\\d+(?:\\.\\d+)?");

    /**
     * One line of the document.
     *
     * @param block the block it belongs to
     * @param line  the line, with its box
     */
    record Hit(Block block, DocumentText.Line line) {
        String text() {
            return line.text();
        }
    }

    private final List<Block> blocks;
    private final List<Hit> lines = new ArrayList<>();
    private final List<String> lowerLines = new ArrayList<>();

    TextIndex(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
        for (Block block : blocks) {
            for (DocumentText.Line line : block.lines()) {
                lines.add(new Hit(block, line));
                lowerLines.add(line.text().toLowerCase(Locale.ROOT));
            }
        }
    }

    List<Block> blocks() {
        return blocks;
    }

    List<Hit> lines() {
        return lines;
    }

    /** The first line containing {@code phrase} as whole words, or {@code null}. */
    Hit find(String phrase) {
        if (phrase == null || phrase.isBlank()) {
            return null;
        }
        Pattern pattern = wordPattern(phrase);
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lowerLines.get(i)).find()) {
                return lines.get(i);
            }
        }
        return null;
    }

    /**
     * The line that best matches a field name: the whole name as a phrase first, else its longest keyword that occurs;
     * {@code null} when none does.
     */
    Hit findField(String name) {
        Hit hit = find(humanize(name));
        if (hit != null) {
            return hit;
        }
        List<String> words = new ArrayList<>(keywords(humanize(name)));
        words.sort(Comparator.comparingInt(String::length).reversed());
        for (String word : words) {
            hit = find(word);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /** The line after {@code hit} in reading order, or {@code null}. */
    Hit next(Hit hit) {
        int index = lines.indexOf(hit);
        return index >= 0 && index + 1 < lines.size() ? lines.get(index + 1) : null;
    }

    /** The first number in the document, or {@code null}. */
    Hit firstNumber() {
        for (Hit hit : lines) {
            if (NUMBER.matcher(hit.text()).find()) {
                return hit;
            }
        }
        return null;
    }

    /** How often each keyword of {@code phrase} occurs as a whole word in {@code text} (lower case), summed. */
    static int score(String lowerText, String phrase) {
        int score = 0;
        for (String keyword : keywords(phrase)) {
            Matcher matcher = wordPattern(keyword).matcher(lowerText);
            while (matcher.find()) {
                score++;
            }
        }
        return score;
    }

    /** Whether {@code lowerText} contains {@code phrase} as whole words. */
    static boolean containsPhrase(String lowerText, String phrase) {
        return !phrase.isBlank() && wordPattern(phrase).matcher(lowerText).find();
    }

    /** The significant words of a text: lower case, three letters or more, without common words. */
    static List<String> keywords(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group();
            if (word.length() >= 3 && !STOP_WORDS.contains(word) && !words.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /** A field name as words: {@code invoice_number} and {@code invoiceNumber} become {@code invoice number}. */
    static String humanize(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[_\\-.]+", " ").strip()
                .toLowerCase(Locale.ROOT);
    }

    private static Pattern wordPattern(String phrase) {
        String[] parts = phrase.toLowerCase(Locale.ROOT).strip().split("\\s+");
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[\\s_-]+");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.append("(?![\\p{L}\\p{N}])").toString());
    }
}
