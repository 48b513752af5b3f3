package io.reductor.testkit;

import io.reductor.core.model.classify.CategoryConfidence;
import io.reductor.core.model.classify.ClassificationCategory;
import io.reductor.core.model.classify.ClassificationConfidence;
import io.reductor.core.model.classify.CriterionConfidence;
import io.reductor.core.model.common.Confidence;
import io.reductor.core.model.split.SplitCategory;
import io.reductor.core.model.split.SplitPartition;
import io.reductor.core.model.split.SplitResult;
import io.reductor.core.model.split.SplitSection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Simulated split and classify, by keyword scores: a category's keywords are the significant words of its name and
 * description (split) or name and criteria (classify); a page's or document's score for a category is how often they
 * occur in its text, with a bonus when the whole name occurs.
 */
final class Categorizer {

    private Categorizer() {
    }

    /**
     * Assigns each page to the category with the highest score (the earlier category on a tie). A page that matches no
     * category continues the previous page's category; an unmatched first page goes to the first category. Pages of a
     * category with a {@code partition_key} are grouped by the value after that key on the page.
     */
    static SplitResult split(List<Block> blocks, int pageCount, List<SplitCategory> categories) {
        Map<String, List<Integer>> mapping = new LinkedHashMap<>();
        for (SplitCategory category : categories) {
            mapping.put(category.name(), new ArrayList<>());
        }
        Map<String, Boolean> matched = new LinkedHashMap<>();
        List<String> pageTexts = pageTexts(blocks, pageCount);
        String previous = categories.isEmpty() ? null : categories.get(0).name();
        for (int page = 1; page <= pageCount && previous != null; page++) {
            String text = pageTexts.get(page - 1);
            int best = 0;
            String chosen = null;
            for (SplitCategory category : categories) {
                int score = score(text, category.name(), category.description());
                if (score > best) {
                    best = score;
                    chosen = category.name();
                }
            }
            String name = chosen != null ? chosen : previous;
            mapping.get(name).add(page);
            matched.merge(name, chosen != null, Boolean::logicalOr);
            previous = name;
        }
        List<SplitSection> splits = new ArrayList<>();
        for (SplitCategory category : categories) {
            List<Integer> pages = mapping.get(category.name());
            if (pages.isEmpty()) {
                continue;
            }
            Confidence conf = Boolean.TRUE.equals(matched.get(category.name())) ? Confidence.HIGH : Confidence.LOW;
            SplitSection.Builder section = SplitSection.builder().name(category.name()).pages(pages).conf(conf);
            if (category.partitionKey() != null && !category.partitionKey().isBlank()) {
                section.partitions(partitions(blocks, pages, category.partitionKey(), conf));
            }
            splits.add(section.build());
        }
        return SplitResult.builder().sectionMapping(mapping).splits(splits).build();
    }

    private static List<SplitPartition> partitions(List<Block> blocks, List<Integer> pages, String key,
            Confidence conf) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        String current = null;
        for (int page : pages) {
            TextIndex index = new TextIndex(blocks.stream().filter(b -> b.page() == page).toList());
            TextIndex.Hit hit = index.findField(key);
            if (hit != null) {
                int colon = hit.text().indexOf(':');
                current = colon >= 0 ? hit.text().substring(colon + 1).strip() : hit.text();
            }
            groups.computeIfAbsent(current == null ? "unknown" : current, k -> new ArrayList<>()).add(page);
        }
        List<SplitPartition> partitions = new ArrayList<>();
        groups.forEach((name, groupPages) -> partitions.add(
                SplitPartition.builder().name(name).pages(groupPages).conf(conf).build()));
        return partitions;
    }

    /** The result of classifying a document's text into one of {@code categories}. */
    record Classification(String category, ClassificationConfidence confidence) {
    }

    /**
     * Picks the category whose criteria best match: each criterion is "high" when one of its keywords occurs in the
     * text, else "low"; a category's confidence is the share of its criteria (and its name) that match.
     */
    static Classification classify(List<Block> blocks, List<ClassificationCategory> categories) {
        String text = lowerText(blocks);
        List<CategoryConfidence> confidences = new ArrayList<>();
        String best = categories.isEmpty() ? "" : categories.get(0).category();
        double bestScore = -1;
        for (ClassificationCategory category : categories) {
            List<CriterionConfidence> criteria = new ArrayList<>();
            int hits = TextIndex.score(text, category.category()) > 0 ? 1 : 0;
            for (String criterion : category.criteria()) {
                boolean hit = TextIndex.score(text, criterion) > 0;
                hits += hit ? 1 : 0;
                criteria.add(CriterionConfidence.builder().criterion(criterion)
                        .confidence(hit ? Confidence.HIGH : Confidence.LOW).build());
            }
            double confidence = Math.round(100.0 * hits / (category.criteria().size() + 1)) / 100.0;
            if (confidence > bestScore) {
                bestScore = confidence;
                best = category.category();
            }
            confidences.add(CategoryConfidence.builder().category(category.category()).confidence(confidence)
                    .criteriaConfidence(criteria).build());
        }
        return new Classification(best, ClassificationConfidence.builder().categories(confidences).build());
    }

    private static int score(String lowerText, String name, String description) {
        int score = TextIndex.score(lowerText, name) + TextIndex.score(lowerText, description == null ? "" : description);
        return score + (TextIndex.containsPhrase(lowerText, TextIndex.humanize(name)) ? 3 : 0);
    }

    private static List<String> pageTexts(List<Block> blocks, int pageCount) {
        List<StringBuilder> texts = new ArrayList<>();
        for (int i = 0; i < pageCount; i++) {
            texts.add(new StringBuilder());
        }
        for (Block block : blocks) {
            if (block.page() >= 1 && block.page() <= pageCount) {
                texts.get(block.page() - 1).append(block.content().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        return texts.stream().map(StringBuilder::toString).toList();
    }

    static String lowerText(List<Block> blocks) {
        StringBuilder text = new StringBuilder();
        for (Block block : blocks) {
            text.append(block.content().toLowerCase(Locale.ROOT)).append('\n');
        }
        return text.toString();
    }
}
