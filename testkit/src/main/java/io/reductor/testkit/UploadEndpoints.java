package io.reductor.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Uploads: {@code POST /upload} with a multipart {@code file} stores it; without one it starts the presigned flow,
 * whose {@code PUT /_storage/{token}} (no key; the signature is checked) completes it. Each has a form given the whole
 * body, which keeps the content, and a streamed form ({@link Settings#discardUploadContent()}), which reads the body as
 * it arrives and keeps only its size and hash.
 */
final class UploadEndpoints {

    private static final byte[] EMPTY = new byte[0];

    private final DocumentStore documents;
    private final Supplier<String> baseUrl;

    UploadEndpoints(DocumentStore documents, Supplier<String> baseUrl) {
        this.documents = documents;
        this.baseUrl = baseUrl;
    }

    /** {@code POST /upload} given the whole body: the file part is stored. */
    Mono<Reply> upload(Route.Call call) {
        return Mono.just(upload(call.request(), call.query().get("extension"), call.body()));
    }

    private Reply upload(HttpServerRequest request, String extension, byte[] body) {
        String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        String boundary = MultipartForm.boundary(contentType);
        MultipartForm.Part file = null;
        if (boundary != null) {
            try {
                file = MultipartForm.parse(body, boundary).part("file");
            } catch (IllegalArgumentException e) {
                return Reply.detail(400, "There was an error parsing the body: " + e.getMessage());
            }
        } else if (body.length > 0 && notJson(contentType)) {
            return notMultipart();
        }
        if (file == null) {
            return presignedStart(extension);
        }
        return uploaded(documents.upload(file.fileName(), extension, file.content()));
    }

    /** {@code POST /upload} read as a stream: the file part is counted and hashed, not kept. */
    Mono<Reply> streamUpload(Route.Call call) {
        HttpServerRequest request = call.request();
        String extension = call.query().get("extension");
        String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        String boundary = MultipartForm.boundary(contentType);
        if (boundary == null) {
            long[] received = {0};
            return request.receive().doOnNext(chunk -> received[0] += chunk.readableBytes())
                    .then(Mono.fromSupplier(() -> received[0] > 0 && notJson(contentType) ? notMultipart()
                            : presignedStart(extension)));
        }
        MultipartStream form = new MultipartStream(boundary);
        return request.receive().doOnNext(form::accept)
                .then(Mono.fromSupplier(() -> {
                    UploadReceipt receipt = form.finish();
                    if (receipt == null) {
                        return presignedStart(extension);
                    }
                    return uploaded(documents.uploadDiscarded(form.fileName(), extension, receipt));
                }))
                .onErrorResume(IllegalArgumentException.class, e -> Mono.just(
                        Reply.detail(400, "There was an error parsing the body: " + e.getMessage())));
    }

    /** {@code PUT /_storage/{token}} given the whole body: the presigned upload's content is stored. */
    Mono<Reply> store(Route.Call call) {
        String token = call.param("token");
        Reply refused = checkPresigned(token, call.query());
        if (refused != null) {
            return Mono.just(refused);
        }
        documents.completePresigned(token, call.body());
        return Mono.just(stored(Integer.toHexString(Arrays.hashCode(call.body()))));
    }

    /** {@code PUT /_storage/{token}} read as a stream: counted and hashed, not kept. */
    Mono<Reply> streamStore(Route.Call call) {
        String token = call.param("token");
        Reply refused = checkPresigned(token, call.query());
        if (refused != null) {
            return Mono.just(refused);
        }
        ContentDigest digest = new ContentDigest();
        return call.request().receive().doOnNext(digest::update)
                .then(Mono.fromSupplier(() -> {
                    UploadReceipt receipt = digest.receipt();
                    documents.completePresignedDiscarded(token, receipt);
                    return stored(receipt.sha256().substring(0, 32));
                }));
    }

    /** {@code POST /upload} without a file: a file id and the presigned URL to {@code PUT} its bytes to. */
    private Reply presignedStart(String extension) {
        String token = Ids.uuid();
        String signature = Ids.uuid().replace("-", "");
        ObjectNode answer = Json.object();
        answer.put("file_id", documents.startPresigned(extension, token, signature));
        answer.put("presigned_url", baseUrl.get() + "/_storage/" + token + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Expires=3600&X-Amz-Signature=" + signature);
        return Reply.ok(answer);
    }

    /** Why a {@code PUT} to storage is refused (unknown upload, wrong signature), or {@code null}. */
    private Reply checkPresigned(String token, Map<String, String> query) {
        DocumentStore.Presigned presigned = documents.presigned(token);
        if (presigned == null) {
            return Reply.storageError(404, "NoSuchUpload", "The specified upload does not exist.");
        }
        if (!presigned.signature().equals(query.get("X-Amz-Signature"))) {
            return Reply.storageError(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.");
        }
        return null;
    }

    private static boolean notJson(String contentType) {
        return contentType != null && !contentType.startsWith("application/json");
    }

    private static Reply notMultipart() {
        return Reply.detail(400, "Expected a multipart/form-data body with a 'file' field");
    }

    private static Reply uploaded(String fileId) {
        ObjectNode answer = Json.object();
        answer.put("file_id", fileId);
        answer.putNull("presigned_url");
        return Reply.ok(answer);
    }

    private static Reply stored(String etag) {
        return new Reply(200, null, EMPTY, Map.of("ETag", "\"" + etag + "\""));
    }
}
