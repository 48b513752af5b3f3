package io.reductor.core.model.common;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.reductor.core.json.Immutable;
import io.reductor.core.json.UnionDecoder;
import io.reductor.core.model.upload.Upload;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The document a request works on: the {@code input} of parse, extract, split, pipeline and classify requests and the
 * {@code document_url} of edit and legacy requests. On the wire it is a string (a public or presigned URL, a
 * {@code reducto://} file id from an upload, or a {@code jobid://} reference to an earlier parse, whose parsing
 * configuration is then ignored), a list of URLs, or the response of {@code /upload} itself.
 *
 * <p>A request-side union (see {@link UnionDecoder} for the rule): the factories and constructors refuse bad values
 * with an {@link IllegalArgumentException} naming the field and the value, and decoding a value that is none of these
 * shapes fails.
 *
 * <pre>{@code
 * DocumentInput.url("https://example.com/report.pdf");
 * DocumentInput.fileId("reducto://4f0c...pdf");   // or DocumentInput.upload(upload)
 * DocumentInput.jobReference(parseJobId);         // reuse an earlier parse
 * }</pre>
 */
@JsonDeserialize(using = DocumentInput.Decoder.class)
public sealed interface DocumentInput {

    /** Prefix of file ids returned by {@code /upload}. */
    String FILE_ID_PREFIX = "reducto://";

    /** Prefix of references to an earlier job's parse. */
    String JOB_REFERENCE_PREFIX = "jobid://";

    /** A public or presigned URL. */
    static DocumentInput url(String url) {
        return new Url(url);
    }

    /** A file id from {@code /upload}, such as {@code reducto://<uuid>.pdf}. */
    static DocumentInput fileId(String fileId) {
        return new FileId(fileId);
    }

    /** The result of {@code /upload}, sent as the upload object. */
    static DocumentInput upload(Upload upload) {
        return new UploadReference(upload);
    }

    /** The parse of an earlier job, by job id (with or without the {@code jobid://} prefix). */
    static DocumentInput jobReference(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return new JobReference(jobId.startsWith(JOB_REFERENCE_PREFIX) ? jobId : JOB_REFERENCE_PREFIX + jobId);
    }

    /** Several documents by URL, processed as one. */
    static DocumentInput urls(List<String> urls) {
        return new UrlList(urls);
    }

    /** Classifies a wire string by its prefix: {@code reducto://}, {@code jobid://}, or else a URL. */
    static DocumentInput of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.startsWith(FILE_ID_PREFIX)) {
            return new FileId(value);
        }
        return value.startsWith(JOB_REFERENCE_PREFIX) ? new JobReference(value) : new Url(value);
    }

    /**
     * A public or presigned URL.
     *
     * @param url the URL
     */
    record Url(@JsonValue String url) implements DocumentInput {
        /** Checks the URL is given. */
        public Url {
            requireText(url, "url");
        }
    }

    /**
     * A {@code reducto://} file id from {@code /upload}.
     *
     * @param fileId the file id, including its prefix
     */
    record FileId(@JsonValue String fileId) implements DocumentInput {
        /** Checks the id has the {@code reducto://} prefix. */
        public FileId {
            requireText(fileId, "fileId");
            Constraints.identifier(fileId, "fileId");
            if (!fileId.startsWith(FILE_ID_PREFIX)) {
                throw new IllegalArgumentException(
                        "fileId must start with " + FILE_ID_PREFIX + " (as returned by /upload) but was " + fileId);
            }
        }
    }

    /**
     * A {@code jobid://} reference to an earlier job, whose parse is reused.
     *
     * @param reference the reference, including its prefix
     */
    record JobReference(@JsonValue String reference) implements DocumentInput {
        /** Checks the reference has the {@code jobid://} prefix. */
        public JobReference {
            requireText(reference, "reference");
            if (!reference.startsWith(JOB_REFERENCE_PREFIX)
                    || reference.substring(JOB_REFERENCE_PREFIX.length()).isBlank()) {
                throw new IllegalArgumentException(
                        "reference must be " + JOB_REFERENCE_PREFIX + "<job id> but was " + reference);
            }
            Constraints.identifier(reference.substring(JOB_REFERENCE_PREFIX.length()), "jobId");
        }

        /** The job id without the prefix. */
        public String jobId() {
            return reference.substring(JOB_REFERENCE_PREFIX.length());
        }
    }

    /**
     * Several URLs.
     *
     * @param urls the URLs
     */
    record UrlList(@JsonValue List<String> urls) implements DocumentInput {
        /** Checks the list holds at least one URL and no blank one, and copies it. */
        public UrlList {
            Objects.requireNonNull(urls, "urls");
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("urls must hold at least one URL");
            }
            for (int i = 0; i < urls.size(); i++) {
                requireText(urls.get(i), "urls[" + i + "]");
            }
            urls = Immutable.list(urls);
        }
    }

    /**
     * The upload object returned by {@code /upload}.
     *
     * @param upload the upload
     */
    record UploadReference(@JsonValue Upload upload) implements DocumentInput {
        /** Checks the upload is given. */
        public UploadReference {
            Objects.requireNonNull(upload, "upload");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Reads a string by prefix, an array as URLs, an object as an upload. */
    final class Decoder extends UnionDecoder<DocumentInput> {
        private static final long serialVersionUID = 1L;

        Decoder() {
            super(DocumentInput.class, String.class, Upload.class);
        }

        @Override
        protected DocumentInput decode(JsonNode json, DeserializationContext context) throws IOException {
            if (json.isTextual()) {
                return of(json.textValue());
            }
            if (json.isArray()) {
                return new UrlList(readList(json, String.class, context));
            }
            if (json.isObject()) {
                return new UploadReference(read(json, Upload.class, context));
            }
            return context.reportInputMismatch(DocumentInput.class,
                    "expected a URL, a list of URLs or an upload object but found %s", json.getNodeType());
        }
    }
}
