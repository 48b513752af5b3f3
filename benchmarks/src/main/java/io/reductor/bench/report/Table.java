package io.reductor.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A titled table of text cells, rendered either monospace-aligned for a terminal or as Markdown. Columns whose header
 * starts with {@code >} are right-aligned (numbers); the {@code >} is not shown.
 */
final class Table {

    private final String title;
    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> right = new ArrayList<>();
    /** Rows of cells; {@code null} separates groups. */
    private final List<List<String>> rows = new ArrayList<>();

    Table(String title, String... headers) {
        this.title = title;
        for (String header : headers) {
            boolean isRight = header.startsWith(">");
            this.right.add(isRight);
            this.headers.add(isRight ? header.substring(1) : header);
        }
    }

    /** Adds a row; it must have one cell per column. */
    Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(headers.size() + " columns but " + cells.length + " cells");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** Starts a new group of rows: a rule in the terminal, nothing in Markdown. */
    Table group() {
        if (!rows.isEmpty() && rows.get(rows.size() - 1) != null) {
            rows.add(null);
        }
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The title, then the header, a rule and the rows, each column padded to its widest cell. */
    String text() {
        StringBuilder out = new StringBuilder(title).append('\n');
        if (isEmpty()) {
            return out.append("  (none)\n").toString();
        }
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (List<String> row : rows) {
                if (row != null) {
                    widths[column] = Math.max(widths[column], row.get(column).length());
                }
            }
        }
        String rule = "  " + "-".repeat(IntStream.of(widths).sum() + 2 * (widths.length - 1)) + '\n';
        line(out, headers, widths);
        out.append(rule);
        for (List<String> row : rows) {
            if (row == null) {
                out.append(rule);
            } else {
                line(out, row, widths);
            }
        }
        return out.toString();
    }

    /** A {@code ###} heading and a GitHub-flavoured Markdown table. */
    String markdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        if (isEmpty()) {
            return out.append("(none)\n").toString();
        }
        out.append('|');
        headers.forEach(header -> out.append(' ').append(escape(header)).append(" |"));
        out.append("\n|");
        right.forEach(isRight -> out.append(isRight ? "---:|" : "---|"));
        out.append('\n');
        for (List<String> row : rows) {
            if (row != null) {
                out.append('|');
                row.forEach(cell -> out.append(' ').append(escape(cell)).append(" |"));
                out.append('\n');
            }
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("  ");
        for (int column = 0; column < widths.length; column++) {
            String cell = cells.get(column);
            String padding = " ".repeat(widths[column] - cell.length());
            line.append(right.get(column) ? padding + cell : cell + padding);
            if (column < widths.length - 1) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
