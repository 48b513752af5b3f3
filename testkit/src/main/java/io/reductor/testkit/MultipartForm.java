package io.reductor.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body split into its parts, in memory. Enough of RFC 7578 for uploads: boundaries,
 * part headers, {@code Content-Disposition} names and file names.
 *
 * @param parts the parts, in order
 */
record MultipartForm(List<Part> parts) {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");

    /**
     * One part.
     *
     * @param name     the field name
     * @param fileName the file name, or {@code null}
     * @param content  the content
     */
    record Part(String name, String fileName, byte[] content) {
    }

    /** The first part named {@code name}, or {@code null}. */
    Part part(String name) {
        return parts.stream().filter(p -> name.equals(p.name())).findFirst().orElse(null);
    }

    /** The boundary of a {@code multipart/form-data} content type, or {@code null} when it is not one. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        Matcher matcher = BOUNDARY.matcher(contentType);
        return matcher.find() ? (matcher.group(2) != null ? matcher.group(2) : matcher.group(3)) : null;
    }

    /** Splits a body; fails with {@link IllegalArgumentException} when it is not well formed. */
    static MultipartForm parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new IllegalArgumentException("the body has no multipart boundary");
        }
        while (true) {
            int after = at + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                return new MultipartForm(parts); // closing delimiter
            }
            int headersStart = skipLineBreak(body, after);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("a multipart part has no end of headers");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw new IllegalArgumentException("a multipart part is not closed by its boundary");
            }
            Disposition disposition = disposition(headers);
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            parts.add(new Part(disposition.name(), disposition.fileName(), content));
            at = contentEnd + 2;
        }
    }

    /**
     * The field name and file name of a part's {@code Content-Disposition}.
     *
     * @param name     the field name, or {@code null}
     * @param fileName the file name, or {@code null}
     */
    record Disposition(String name, String fileName) {
    }

    /** Reads the {@code Content-Disposition} of a part's header block (lines separated by CRLF). */
    static Disposition disposition(String headers) {
        String disposition = null;
        for (String header : headers.split("\r\n")) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).strip().equalsIgnoreCase("content-disposition")) {
                disposition = header.substring(colon + 1).strip();
            }
        }
        return disposition == null ? new Disposition(null, null)
                : new Disposition(group(NAME, disposition), group(FILE_NAME, disposition));
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static int skipLineBreak(byte[] body, int at) {
        if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n') {
            return at + 2;
        }
        return at < body.length && body[at] == '\n' ? at + 1 : at;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
