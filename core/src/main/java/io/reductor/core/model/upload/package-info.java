/**
 * Uploading documents ({@code POST /upload}). {@link io.reductor.core.model.upload.Upload} is the answer: its
 * {@code file_id}, a {@code reducto://} reference, is the document input of later requests, and when the upload was
 * started without a file its {@code presigned_url} is where the bytes go (up to 5 GB) before the id can be used.
 * {@link io.reductor.core.model.upload.UploadForm} describes the multipart form itself; a client sends the bytes as a
 * stream rather than through a record. The records follow the rules of {@link io.reductor.core.model.common}.
 */
package io.reductor.core.model.upload;
