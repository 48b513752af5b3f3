package io.reductor.testkit;

import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents the simulator knows: uploads by {@code reducto://} id, presigned uploads waiting for their bytes,
 * documents registered for URLs (the simulator never fetches from the network), and inputs registered to fail. Each
 * stored document reads its text once, on the thread that first subscribes to it (the simulator's workers, as reading
 * may block), and keeps it.
 */
final class DocumentStore {

    /**
     * A document's bytes and where they came from; or, for an upload whose content was discarded, only what was
     * received.
     *
     * @param name      the file name or URL (for the file type)
     * @param bytes     the content, or {@code null} when it was discarded
     * @param text      the text, read once
     * @param discarded the receipt of discarded content, or {@code null} when the content is held
     */
    record Stored(String name, byte[] bytes, Mono<DocumentText> text, UploadReceipt discarded) {
        Stored(String name, byte[] bytes) {
            this(name, bytes, Mono.fromCallable(() -> DocumentReader.read(bytes, name, null)).cache(), null);
        }

        /** An upload whose content was counted and hashed but not kept: reading it fails, saying why. */
        static Stored discarded(String fileId, UploadReceipt receipt) {
            return new Stored(fileId, null, Mono.error(() -> new DocumentReader.UnreadableDocumentException(
                    "The content of " + fileId + " (" + receipt.bytes() + " bytes) was discarded on upload because "
                            + "the simulator was built with discardUploadContent(true), so it cannot be processed",
                    false)), receipt);
        }

        /** The text, read with a password (not cached) or without one (cached). */
        Mono<DocumentText> text(String password) {
            return password == null || bytes == null ? text
                    : Mono.fromCallable(() -> DocumentReader.read(bytes, name, password));
        }

        /** What was received: the receipt of discarded content, or the size and hash of the content held. */
        UploadReceipt receipt() {
            return discarded != null ? discarded : UploadReceipt.of(bytes);
        }
    }

    /**
     * A presigned upload: the file id it will store under, and the signature its URL carries.
     *
     * @param fileId    the {@code reducto://} id
     * @param signature the {@code X-Amz-Signature} the {@code PUT} must carry
     */
    record Presigned(String fileId, String signature) {
    }

    private final Map<String, Stored> files = new ConcurrentHashMap<>();
    private final Map<String, Presigned> presigned = new ConcurrentHashMap<>();
    private final Map<String, Stored> urls = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    /** Stores an upload and gives its {@code reducto://} id, with {@code .ext} when an extension is known. */
    String upload(String fileName, String extension, byte[] bytes) {
        String fileId = fileId(fileName, extension);
        files.put(fileId, new Stored(fileName == null ? fileId : fileName, bytes));
        return fileId;
    }

    private static String fileId(String fileName, String extension) {
        String ext = extension != null && !extension.isBlank() ? extension.replaceFirst("^\\.", "") : ext(fileName);
        return "reducto://" + Ids.uuid() + (ext.isEmpty() ? "" : "." + ext);
    }

    /** Registers an upload whose content was discarded and gives its {@code reducto://} id, as {@link #upload}. */
    String uploadDiscarded(String fileName, String extension, UploadReceipt receipt) {
        String fileId = fileId(fileName, extension);
        files.put(fileId, Stored.discarded(fileId, receipt));
        return fileId;
    }

    /** Starts a presigned upload: a file id (with an extension only when one was asked for) and a token. */
    String startPresigned(String extension, String token, String signature) {
        String ext = extension == null ? "" : extension.replaceFirst("^\\.", "");
        String fileId = "reducto://" + Ids.uuid() + (ext.isEmpty() ? "" : "." + ext);
        presigned.put(token, new Presigned(fileId, signature));
        return fileId;
    }

    Presigned presigned(String token) {
        return presigned.get(token);
    }

    /** Completes a presigned upload with its bytes. */
    void completePresigned(String token, byte[] bytes) {
        Presigned upload = presigned.get(token);
        if (upload != null) {
            files.put(upload.fileId(), new Stored(upload.fileId(), bytes));
        }
    }

    /** Completes a presigned upload whose content was discarded. */
    void completePresignedDiscarded(String token, UploadReceipt receipt) {
        Presigned upload = presigned.get(token);
        if (upload != null) {
            files.put(upload.fileId(), Stored.discarded(upload.fileId(), receipt));
        }
    }

    Stored file(String fileId) {
        return files.get(fileId);
    }

    boolean isPendingPresigned(String fileId) {
        return presigned.values().stream().anyMatch(p -> p.fileId().equals(fileId));
    }

    void registerUrl(String url, byte[] bytes) {
        urls.put(url, new Stored(url, bytes.clone()));
    }

    Stored url(String url) {
        return urls.get(url);
    }

    /** Stores a document under a new {@code reducto://} id, as an upload would. */
    String put(String fileName, byte[] bytes) {
        return upload(fileName, null, bytes.clone());
    }

    /** Forgets uploads, finished and presigned; documents registered for URLs and failures stay. */
    void forgetUploads() {
        files.clear();
        presigned.clear();
    }

    void registerFailure(String input, String reason) {
        failures.put(input, reason);
    }

    /** The reason an input is registered to fail with, or {@code null}. */
    String failure(String input) {
        return failures.get(input);
    }

    private static String ext(String fileName) {
        if (fileName == null) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        String ext = dot > slash && dot >= 0 ? fileName.substring(dot + 1) : "";
        return ext.matches("[A-Za-z0-9]{1,10}") ? ext.toLowerCase(java.util.Locale.ROOT) : "";
    }
}
