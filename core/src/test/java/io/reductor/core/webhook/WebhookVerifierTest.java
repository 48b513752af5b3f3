package io.reductor.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reductor.core.error.ReductoException;
import io.reductor.core.json.JsonCodec;
import io.reductor.core.model.job.JobStatus;
import io.reductor.core.webhook.WebhookVerificationException.Reason;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WebhookVerifierTest {

    private static final JsonCodec CODEC = JsonCodec.standard();

    // Our own endpoint secret and delivery.
    private static final String KEY_BASE64 =
            Base64.getEncoder().encodeToString("reductor webhook test key, 32 b".getBytes(StandardCharsets.UTF_8));
    private static final String SECRET = "whsec_" + KEY_BASE64;
    private static final long NOW = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String MSG_ID = "msg_2zQ9xLx0b8TgJwqWnDxXyZ";
    private static final byte[] DIRECT_EXAMPLE = example("webhook-docs-direct.json");
    private static final byte[] SVIX_EXAMPLE = example("webhook-docs-svix.json");

    private final SvixWebhookVerifier verifier = SvixWebhookVerifier.of(SECRET).withClock(CLOCK);

    /**
     * Svix's published test vector: the secret, message id, timestamp, payload and expected signature of
     * {@code test_sign_function} in svix/svix-webhooks {@code python/tests/test_webhooks.py}; the altered signature
     * ({@code ...OA=}), the multi-signature list and the malformed entries come from the same file and from
     * {@code java/lib/src/test/java/com/svix/WebhookTest.java}. Only the values are used here.
     */
    @Nested
    class SvixTestVectors {

        static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        static final String VECTOR_MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        static final long VECTOR_TIMESTAMP = 1614265330L;
        static final String VECTOR_PAYLOAD = "{\"test\": 2432232314}";
        static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        static final String VECTOR_ALTERED_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=";
        static final String VECTOR_OTHER_SIGNATURE = "Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";

        private final SvixWebhookVerifier vectorVerifier = SvixWebhookVerifier.of(VECTOR_SECRET)
                .withClock(clockAt(VECTOR_TIMESTAMP));

        private Map<String, List<String>> vectorHeaders(String signature) {
            return headers("svix-id", VECTOR_MSG_ID, "svix-timestamp", Long.toString(VECTOR_TIMESTAMP),
                    "svix-signature", signature);
        }

        private byte[] payload() {
            return VECTOR_PAYLOAD.getBytes(StandardCharsets.UTF_8);
        }

        @Test
        void ourSigningReproducesThePublishedSignature() {
            assertThat(sign(VECTOR_SECRET, VECTOR_MSG_ID, VECTOR_TIMESTAMP, payload())).isEqualTo(VECTOR_SIGNATURE);
        }

        @Test
        void publishedSignatureIsAccepted() {
            assertThat(vectorVerifier.verifySignature(vectorHeaders(VECTOR_SIGNATURE), payload()))
                    .isEqualTo(VECTOR_MSG_ID);
        }

        @Test
        void secretWithoutItsPrefixIsAcceptedToo() {
            SvixWebhookVerifier bare = SvixWebhookVerifier.of(VECTOR_SECRET.substring("whsec_".length()))
                    .withClock(clockAt(VECTOR_TIMESTAMP));

            assertThat(bare.verifySignature(vectorHeaders(VECTOR_SIGNATURE), payload())).isEqualTo(VECTOR_MSG_ID);
        }

        @Test
        void alteredSignatureIsRejected() {
            WebhookVerificationException rejected = assertRejected(
                    () -> vectorVerifier.verifySignature(vectorHeaders(VECTOR_ALTERED_SIGNATURE), payload()),
                    Reason.BAD_SIGNATURE);
            assertThat(rejected.getMessage()).contains("the v1 signature in svix-signature does not match its id");
        }

        @Test
        void oneMatchingSignatureAmongSeveralIsEnough() {
            String list = String.join(" ", "v1," + VECTOR_OTHER_SIGNATURE, "v2," + VECTOR_OTHER_SIGNATURE,
                    VECTOR_SIGNATURE, "v1," + VECTOR_OTHER_SIGNATURE);

            assertThat(vectorVerifier.verifySignature(vectorHeaders(list), payload())).isEqualTo(VECTOR_MSG_ID);
        }

        @Test
        void theRightSignatureUnderAnotherVersionIsIgnored() {
            String v2 = "v2," + VECTOR_SIGNATURE.substring(3);

            WebhookVerificationException e = assertRejected(
                    () -> vectorVerifier.verifySignature(vectorHeaders(v2), payload()), Reason.BAD_SIGNATURE);
            assertThat(e).hasMessageContaining("no v1 signature");
        }

        @ParameterizedTest
        @ValueSource(strings = {"invalid_signature", "v1,invalid_signature", "v1,", "v1"})
        void malformedSignatureEntriesAreRejected(String signature) {
            assertRejected(() -> vectorVerifier.verifySignature(vectorHeaders(signature), payload()),
                    Reason.BAD_SIGNATURE);
        }

        @Test
        void timestampIsAcceptedUpToTheToleranceAndRejectedBeyondIt() {
            SvixWebhookVerifier verifier = SvixWebhookVerifier.of(VECTOR_SECRET);
            Map<String, List<String>> headers = vectorHeaders(VECTOR_SIGNATURE);

            assertThat(verifier.withClock(clockAt(VECTOR_TIMESTAMP + 300)).verifySignature(headers, payload()))
                    .isEqualTo(VECTOR_MSG_ID);
            assertThat(verifier.withClock(clockAt(VECTOR_TIMESTAMP - 300)).verifySignature(headers, payload()))
                    .isEqualTo(VECTOR_MSG_ID);
            assertRejected(() -> verifier.withClock(clockAt(VECTOR_TIMESTAMP + 301)).verifySignature(headers,
                    payload()), Reason.STALE_TIMESTAMP);
            assertRejected(() -> verifier.withClock(clockAt(VECTOR_TIMESTAMP - 301)).verifySignature(headers,
                    payload()), Reason.FUTURE_TIMESTAMP);
        }

        @Test
        void aValidlySignedBodyThatIsNotAJobEventIsAMalformedBody() {
            WebhookVerificationException e = assertRejected(
                    () -> vectorVerifier.verify(vectorHeaders(VECTOR_SIGNATURE), payload()), Reason.MALFORMED_BODY);
            assertThat(e).hasMessageContaining("\"job_id\" is missing");
        }
    }

    @Nested
    class Signed {

        @Test
        void validDeliveryIsAcceptedAndDecoded() {
            WebhookEvent event = verifier.verify(signedHeaders(SVIX_EXAMPLE), SVIX_EXAMPLE);

            assertThat(event.jobId()).isEqualTo("a1b9090e-c9ae-420b-9726-f658afbbe338");
            assertThat(event.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(event.status().isKnown()).isTrue();
            assertThat(event.metadata().get("user_id").textValue()).isEqualTo("123");
            assertThat(event.metadata().get("document_type").textValue()).isEqualTo("invoice");
            assertThat(event.messageId()).isEqualTo(MSG_ID);
            assertThat(event.isSigned()).isTrue();
            assertThat(event.additionalProperties()).isEmpty();
        }

        @Test
        void defaultsAreThreeHundredSecondsAndTheUtcSystemClock() {
            SvixWebhookVerifier defaults = SvixWebhookVerifier.of(SECRET);

            assertThat(defaults.tolerance()).isEqualTo(Duration.ofSeconds(300));
            assertThat(defaults.clock().getZone()).isEqualTo(ZoneOffset.UTC);
        }

        @Test
        void oneMatchingSignatureAmongSeveralIsEnoughWhereverItIs() {
            String good = sign(SECRET, MSG_ID, NOW, SVIX_EXAMPLE);
            String other = sign("whsec_" + Base64.getEncoder().encodeToString(new byte[24]), MSG_ID, NOW,
                    SVIX_EXAMPLE);

            for (String list : List.of(good + " " + other, other + " " + good, other + "  " + good + " v1a,x")) {
                assertThat(verifier.verify(headersWithSignature(list), SVIX_EXAMPLE).jobId())
                        .as(list).isEqualTo("a1b9090e-c9ae-420b-9726-f658afbbe338");
            }
        }

        @Test
        void signaturesRepeatedOverSeveralHeaderLinesAllCount() {
            String other = sign("whsec_" + Base64.getEncoder().encodeToString(new byte[24]), MSG_ID, NOW,
                    SVIX_EXAMPLE);
            Map<String, List<String>> headers = signedHeaders(SVIX_EXAMPLE);
            headers.put("svix-signature", List.of(other, sign(SECRET, MSG_ID, NOW, SVIX_EXAMPLE)));

            assertThat(verifier.verify(headers, SVIX_EXAMPLE).messageId()).isEqualTo(MSG_ID);
        }

        @Test
        void entriesOfOtherVersionsAreIgnored() {
            String good = sign(SECRET, MSG_ID, NOW, SVIX_EXAMPLE);
            String list = "v1a," + good.substring(3) + " v2," + good.substring(3) + " " + good + " v1b,x";

            assertThat(verifier.verify(headersWithSignature(list), SVIX_EXAMPLE).messageId()).isEqualTo(MSG_ID);
            assertRejected(() -> verifier.verify(headersWithSignature("v2," + good.substring(3) + " v1b,"
                    + good.substring(3)), SVIX_EXAMPLE), Reason.BAD_SIGNATURE);
        }

        @Test
        void tamperedBodyIsRejected() {
            byte[] tampered = new String(SVIX_EXAMPLE, StandardCharsets.UTF_8).replace("Completed", "Failed")
                    .getBytes(StandardCharsets.UTF_8);

            WebhookVerificationException e = assertRejected(
                    () -> verifier.verify(signedHeaders(SVIX_EXAMPLE), tampered), Reason.BAD_SIGNATURE);
            assertThat(e).hasMessageContaining(MSG_ID).hasMessageContaining("svix-signature");
        }

        @Test
        void tamperedIdOrTimestampIsRejected() {
            Map<String, List<String>> otherId = signedHeaders(SVIX_EXAMPLE);
            otherId.put("svix-id", List.of("msg_other"));
            Map<String, List<String>> otherTime = signedHeaders(SVIX_EXAMPLE);
            otherTime.put("svix-timestamp", List.of(Long.toString(NOW - 1)));

            assertRejected(() -> verifier.verify(otherId, SVIX_EXAMPLE), Reason.BAD_SIGNATURE);
            assertRejected(() -> verifier.verify(otherTime, SVIX_EXAMPLE), Reason.BAD_SIGNATURE);
        }

        @Test
        void wrongSecretIsRejected() {
            SvixWebhookVerifier other = SvixWebhookVerifier
                    .of("whsec_" + Base64.getEncoder().encodeToString(
                            "another endpoint".getBytes(StandardCharsets.UTF_8)))
                    .withClock(CLOCK);

            assertRejected(() -> other.verify(signedHeaders(SVIX_EXAMPLE), SVIX_EXAMPLE), Reason.BAD_SIGNATURE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"svix-id", "svix-timestamp", "svix-signature"})
        void eachMissingHeaderIsNamed(String missing) {
            Map<String, List<String>> headers = signedHeaders(SVIX_EXAMPLE);
            headers.remove(missing);

            WebhookVerificationException e = assertRejected(() -> verifier.verify(headers, SVIX_EXAMPLE),
                    Reason.MISSING_HEADER);
            assertThat(e).hasMessageStartingWith("Missing webhook header " + missing + ":");
        }

        @ParameterizedTest
        @ValueSource(strings = {"svix-id", "svix-timestamp", "svix-signature"})
        void blankOrEmptyHeaderCountsAsMissing(String blank) {
            Map<String, List<String>> headers = signedHeaders(SVIX_EXAMPLE);
            headers.put(blank, List.of("  "));
            Map<String, List<String>> empty = signedHeaders(SVIX_EXAMPLE);
            empty.put(blank, List.of());

            assertRejected(() -> verifier.verify(headers, SVIX_EXAMPLE), Reason.MISSING_HEADER);
            assertRejected(() -> verifier.verify(empty, SVIX_EXAMPLE), Reason.MISSING_HEADER);
        }

        @Test
        void noHeadersAtAllIsAMissingHeader() {
            assertRejected(() -> verifier.verify(Map.of(), SVIX_EXAMPLE), Reason.MISSING_HEADER);
        }

        @Test
        void timestampExactlyAtTheToleranceIsAcceptedAndOneSecondMoreIsNot() {
            byte[] body = SVIX_EXAMPLE;

            assertThat(verifier.verify(signedHeaders(MSG_ID, NOW - 300, body), body).jobId()).isNotNull();
            assertThat(verifier.verify(signedHeaders(MSG_ID, NOW + 300, body), body).jobId()).isNotNull();
            WebhookVerificationException stale = assertRejected(
                    () -> verifier.verify(signedHeaders(MSG_ID, NOW - 301, body), body), Reason.STALE_TIMESTAMP);
            WebhookVerificationException future = assertRejected(
                    () -> verifier.verify(signedHeaders(MSG_ID, NOW + 301, body), body), Reason.FUTURE_TIMESTAMP);
            assertThat(stale).hasMessageContaining("301 s old").hasMessageContaining("tolerance of 300 s");
            assertThat(future).hasMessageContaining("301 s ahead").hasMessageContaining("tolerance of 300 s");
        }

        @Test
        void aSubSecondClockCountsInWholeSeconds() {
            SvixWebhookVerifier late = verifier.withClock(Clock.fixed(Instant.ofEpochSecond(NOW + 300, 999_999_999),
                    ZoneOffset.UTC));

            assertThat(late.verify(signedHeaders(SVIX_EXAMPLE), SVIX_EXAMPLE).messageId()).isEqualTo(MSG_ID);
        }

        @Test
        void customToleranceIsHonouredBothWays() {
            SvixWebhookVerifier strict = verifier.withTolerance(Duration.ofSeconds(10));
            byte[] body = SVIX_EXAMPLE;

            assertThat(strict.tolerance()).isEqualTo(Duration.ofSeconds(10));
            assertThat(verifier.tolerance()).as("the original is unchanged").isEqualTo(Duration.ofSeconds(300));
            assertThat(strict.verify(signedHeaders(MSG_ID, NOW - 10, body), body).jobId()).isNotNull();
            assertThat(strict.verify(signedHeaders(MSG_ID, NOW + 10, body), body).jobId()).isNotNull();
            assertRejected(() -> strict.verify(signedHeaders(MSG_ID, NOW - 11, body), body), Reason.STALE_TIMESTAMP);
            assertRejected(() -> strict.verify(signedHeaders(MSG_ID, NOW + 11, body), body), Reason.FUTURE_TIMESTAMP);
            assertThatThrownBy(() -> verifier.withTolerance(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"hello", "1767225600.5", "-1767225600", "+1767225600", "1e9", "0x69556d00",
                "1767225600000000000000"})
        void malformedTimestampIsRejectedEvenWhenSigned(String timestamp) {
            Map<String, List<String>> headers = headers("svix-id", MSG_ID, "svix-timestamp", timestamp,
                    "svix-signature", sign(SECRET, MSG_ID + "." + timestamp + ".", SVIX_EXAMPLE));

            WebhookVerificationException e = assertRejected(() -> verifier.verify(headers, SVIX_EXAMPLE),
                    Reason.MALFORMED_TIMESTAMP);
            assertThat(e).hasMessageContaining("svix-timestamp");
        }

        @Test
        void unsignedMalformedTimestampIsABadSignature() {
            Map<String, List<String>> headers = signedHeaders(SVIX_EXAMPLE);
            headers.put("svix-timestamp", List.of("hello"));

            assertRejected(() -> verifier.verify(headers, SVIX_EXAMPLE), Reason.BAD_SIGNATURE);
        }

        @Test
        void webhookHeadersAreTheFallback() {
            Map<String, List<String>> headers = headers("webhook-id", MSG_ID, "webhook-timestamp",
                    Long.toString(NOW), "webhook-signature", sign(SECRET, MSG_ID, NOW, SVIX_EXAMPLE));

            assertThat(verifier.verify(headers, SVIX_EXAMPLE).messageId()).isEqualTo(MSG_ID);
        }

        @Test
        void incompleteSvixHeadersFallBackToACompleteWebhookSet() {
            Map<String, List<String>> headers = headers("svix-id", "msg_partial", "webhook-id", MSG_ID,
                    "webhook-timestamp", Long.toString(NOW), "webhook-signature",
                    sign(SECRET, MSG_ID, NOW, SVIX_EXAMPLE));

            assertThat(verifier.verify(headers, SVIX_EXAMPLE).messageId()).isEqualTo(MSG_ID);
        }

        @Test
        void svixHeadersWinOverWebhookHeaders() {
            Map<String, List<String>> headers = signedHeaders(SVIX_EXAMPLE);
            headers.put("webhook-id", List.of("msg_ignored"));
            headers.put("webhook-timestamp", List.of("0"));
            headers.put("webhook-signature", List.of("v1,AAAA"));

            assertThat(verifier.verify(headers, SVIX_EXAMPLE).messageId()).isEqualTo(MSG_ID);
        }

        @Test
        void missingHeaderOfTheWebhookSetIsNamedWhenOnlyThatSetIsPresent() {
            Map<String, List<String>> headers = headers("webhook-id", MSG_ID, "webhook-timestamp",
                    Long.toString(NOW));

            WebhookVerificationException e = assertRejected(() -> verifier.verify(headers, SVIX_EXAMPLE),
                    Reason.MISSING_HEADER);
            assertThat(e).hasMessageStartingWith("Missing webhook header webhook-signature:");
        }

        @Test
        void headerNamesAreMatchedIgnoringCase() {
            Map<String, List<String>> headers = headers("Svix-Id", MSG_ID, "SVIX-TIMESTAMP", Long.toString(NOW),
                    "Svix-Signature", sign(SECRET, MSG_ID, NOW, SVIX_EXAMPLE));
            Map<String, List<String>> fallback = headers("Webhook-ID", MSG_ID, "WEBHOOK-timestamp",
                    Long.toString(NOW), "webhook-Signature", sign(SECRET, MSG_ID, NOW, SVIX_EXAMPLE));

            assertThat(verifier.verify(headers, SVIX_EXAMPLE).messageId()).isEqualTo(MSG_ID);
            assertThat(verifier.verify(fallback, SVIX_EXAMPLE).messageId()).isEqualTo(MSG_ID);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not json", "{\"status\":\"Completed\",", "[]", "\"Completed\"", "null",
                "{\"status\":\"Completed\"}", "{\"job_id\":\"j\"}", "{\"job_id\":7,\"status\":\"Completed\"}",
                "{\"job_id\":\"j\",\"status\":\" \"}"})
        void malformedBodyIsRejectedAfterItsSignatureIsChecked(String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);

            WebhookVerificationException e = assertRejected(() -> verifier.verify(signedHeaders(body), body),
                    Reason.MALFORMED_BODY);
            assertThat(e).hasMessageStartingWith("Malformed webhook body: ");
        }

        @Test
        void unknownFieldsAreKeptAndAMessageIdInTheBodyIsNotTheDeliveryId() {
            byte[] body = ("{\"status\":\"Completing\",\"job_id\":\"job-1\","
                    + "\"event_type\":\"async.update\",\"message_id\":\"msg_from_body\"}")
                    .getBytes(StandardCharsets.UTF_8);

            WebhookEvent event = verifier.verify(signedHeaders(body), body);

            assertThat(event.status().value()).isEqualTo("Completing");
            assertThat(event.metadata()).isNull();
            assertThat(event.messageId()).isEqualTo(MSG_ID);
            assertThat(event.additionalProperties()).containsOnlyKeys("event_type", "message_id");
            assertThat(event.additionalProperties().get("event_type").textValue()).isEqualTo("async.update");
            assertThat(CODEC.toTree(event)).isEqualTo(CODEC.readTree(body));
            assertThatThrownBy(() -> event.additionalProperties().put("x", null))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void unknownStatusDecodesAsAnOpenValue() {
            byte[] body = "{\"status\":\"Archived\",\"job_id\":\"job-2\"}".getBytes(StandardCharsets.UTF_8);

            WebhookEvent event = verifier.verify(signedHeaders(body), body);

            assertThat(event.status().isKnown()).isFalse();
            assertThat(event.status().value()).isEqualTo("Archived");
        }

        @Test
        void eventEncodesBackToTheBody() {
            byte[] body = ("{\"status\":\"Completed\",\"job_id\":\"job-1\",\"metadata\":{\"a\":[1,null]},"
                    + "\"event_type\":\"async.update\"}").getBytes(StandardCharsets.UTF_8);
            WebhookEvent event = verifier.verify(signedHeaders(body), body);

            assertThat(CODEC.toTree(event)).isEqualTo(CODEC.readTree(body));
            assertThat(CODEC.toTree(verifier.verify(signedHeaders(SVIX_EXAMPLE), SVIX_EXAMPLE)))
                    .isEqualTo(CODEC.readTree(SVIX_EXAMPLE));
        }

        @Test
        void aBodySignedTheWayTheSimulatorSignsIsAccepted() {
            // As testkit's io.reductor.testkit.Webhooks does: an id of "msg_" and a dashless UUID, the timestamp in
            // epoch seconds from its clock, the body written by Jackson and signed as the string
            // id + "." + timestamp + "." + new String(body, UTF_8), one "v1," entry in svix-signature.
            ObjectNode payload = CODEC.readTree("{}").deepCopy();
            payload.put("status", "Failed");
            payload.put("job_id", UUID.randomUUID().toString());
            payload.set("metadata",
                    CODEC.readTree("{\"customer\":\"Zoë Ångström\",\"tags\":[\"naïve\",\"日本\"]}"));
            byte[] body = CODEC.encode(payload);
            String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
            String timestamp = Long.toString(NOW);
            String signature = "v1," + simulatorSign(SECRET,
                    id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8));
            Map<String, List<String>> headers = headers("svix-id", id, "svix-timestamp", timestamp,
                    "svix-signature", signature);

            WebhookEvent event = verifier.verify(headers, body);

            assertThat(event.jobId()).isEqualTo(payload.get("job_id").textValue());
            assertThat(event.status()).isEqualTo(JobStatus.FAILED);
            assertThat(event.metadata().get("customer").textValue()).isEqualTo("Zoë Ångström");
            assertThat(event.messageId()).isEqualTo(id);
        }

        @Test
        void simulatorStyleNullMetadataDecodesAsNull() {
            byte[] body = "{\"status\":\"Completed\",\"job_id\":\"j-3\",\"metadata\":null}"
                    .getBytes(StandardCharsets.UTF_8);

            assertThat(verifier.verify(signedHeaders(body), body).metadata()).isNull();
        }
    }

    @Nested
    class Secrets {

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "whsec_", "whsec_!!not*base64!!", "whsec_a", "sk_live_%%%"})
        void unusableSecretIsABadSecretWithoutBeingRepeated(String secret) {
            WebhookVerificationException e = assertRejected(() -> SvixWebhookVerifier.of(secret), Reason.BAD_SECRET);
            if (secret.length() > "whsec_".length() + 3) {
                assertThat(e.getMessage()).doesNotContain(secret.substring("whsec_".length()));
            }
        }

        @Test
        void missingSecretIsABadSecret() {
            assertRejected(() -> SvixWebhookVerifier.of(null), Reason.BAD_SECRET);
            assertRejected(() -> DirectWebhookVerifier.withSharedSecret(null), Reason.BAD_SECRET);
            assertRejected(() -> DirectWebhookVerifier.withSharedSecret(" "), Reason.BAD_SECRET);
        }

        @Test
        void noRejectionMessageContainsTheSecretOrTheExpectedSignature() {
            String expected = sign(SECRET, MSG_ID, NOW, SVIX_EXAMPLE).substring(3);
            List<WebhookVerificationException> errors = new ArrayList<>();
            Map<String, List<String>> badSignature = headersWithSignature("v1,AAAA v2," + expected.substring(0, 8));
            errors.add(catchRejection(() -> verifier.verify(badSignature, SVIX_EXAMPLE)));
            errors.add(catchRejection(() -> verifier.verify(headersWithSignature("v2,x"), SVIX_EXAMPLE)));
            errors.add(catchRejection(() -> verifier.withClock(clockAt(NOW + 9999))
                    .verify(signedHeaders(SVIX_EXAMPLE), SVIX_EXAMPLE)));
            errors.add(catchRejection(() -> verifier.withClock(clockAt(NOW - 9999))
                    .verify(signedHeaders(SVIX_EXAMPLE), SVIX_EXAMPLE)));
            errors.add(catchRejection(() -> verifier.verify(Map.of(), SVIX_EXAMPLE)));

            assertThat(errors).hasSize(5).allSatisfy(e -> assertThat(e.getMessage())
                    .doesNotContain(KEY_BASE64).doesNotContain(expected).doesNotContain(expected.substring(0, 8)));
            assertThat(verifier.toString()).doesNotContain(KEY_BASE64).contains("PT5M");
        }

        @Test
        void rejectionsAreReductoExceptions() {
            WebhookVerificationException e = catchRejection(() -> verifier.verify(Map.of(), SVIX_EXAMPLE));

            assertThat(e).isInstanceOf(ReductoException.class);
            assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER);
        }
    }

    @Nested
    class Direct {

        private static final String SHARED = "s3cr3t-shared-value-for-direct-webhooks";

        @Test
        void docsExampleIsParsed() {
            WebhookEvent event = DirectWebhookVerifier.unauthenticated().parse(DIRECT_EXAMPLE);

            assertThat(event.jobId()).isEqualTo("204a39e4-dd10-4c83-a978-0cee4af8cde2");
            assertThat(event.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(event.metadata())
                    .isEqualTo(CODEC.readTree("{\"user_id\":\"123\",\"document_type\":\"invoice\"}"));
            assertThat(event.messageId()).isNull();
            assertThat(event.isSigned()).isFalse();
        }

        @Test
        void headersAreIgnored() {
            WebhookVerifier verifier = DirectWebhookVerifier.unauthenticated();

            assertThat(verifier.verify(Map.of("svix-id", List.of("msg_x")), DIRECT_EXAMPLE).messageId()).isNull();
        }

        @Test
        void malformedBodyIsRejected() {
            DirectWebhookVerifier parser = DirectWebhookVerifier.unauthenticated();

            assertRejected(() -> parser.parse("{".getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED_BODY);
            assertRejected(() -> parser.parse(new byte[0]), Reason.MALFORMED_BODY);
        }

        @Test
        void sharedSecretInMetadataPassesAndIsRemovedFromTheEvent() {
            DirectWebhookVerifier verifier = DirectWebhookVerifier.withSharedSecret(SHARED);
            ObjectNode metadata = (ObjectNode) CODEC.readTree("{\"user_id\":\"123\"}");
            ObjectNode submitted = verifier.metadataWithSecret(metadata);

            WebhookEvent event = verifier.parse(directBody(submitted));

            assertThat(metadata).as("the application's metadata is not changed").hasSize(1);
            assertThat(submitted.get(DirectWebhookVerifier.DEFAULT_SECRET_FIELD).textValue()).isEqualTo(SHARED);
            assertThat(event.metadata()).isEqualTo(metadata);
            assertThat(event.jobId()).isEqualTo("job-9");
            assertThat(verifier.secretField()).contains("webhook_secret");
            assertThat(verifier.toString()).doesNotContain(SHARED);
        }

        @Test
        void customFieldIsUsed() {
            DirectWebhookVerifier verifier = DirectWebhookVerifier.withSharedSecret("hook_token", SHARED);
            ObjectNode submitted = verifier.metadataWithSecret(null);

            assertThat(submitted.properties()).hasSize(1);
            assertThat(verifier.parse(directBody(submitted)).metadata()).isEmpty();
            assertRejected(() -> verifier.parse(directBody(CODEC.readTree("{\"webhook_secret\":\"" + SHARED + "\"}"))),
                    Reason.SHARED_SECRET_MISMATCH);
        }

        @Test
        void missingWrongOrMistypedSharedSecretIsAMismatch() {
            DirectWebhookVerifier verifier = DirectWebhookVerifier.withSharedSecret(SHARED);
            List<String> metadatas = List.of("null", "{}", "{\"webhook_secret\":\"guess\"}",
                    "{\"webhook_secret\":\"" + SHARED + "x\"}", "{\"webhook_secret\":\"" + SHARED.substring(1) + "\"}",
                    "{\"webhook_secret\":42}", "{\"webhook_secret\":[\"" + SHARED + "\"]}", "[\"" + SHARED + "\"]");

            for (String metadata : metadatas) {
                WebhookVerificationException e = assertRejected(
                        () -> verifier.parse(directBody(CODEC.readTree(metadata))), Reason.SHARED_SECRET_MISMATCH);
                assertThat(e.getMessage()).as(metadata).contains("job-9").doesNotContain(SHARED.substring(1))
                        .doesNotContain("guess");
            }
            assertRejected(() -> verifier.parse(DIRECT_EXAMPLE), Reason.SHARED_SECRET_MISMATCH);
        }

        @Test
        void metadataWithSecretNeedsAnObjectAndASecret() {
            DirectWebhookVerifier verifier = DirectWebhookVerifier.withSharedSecret(SHARED);

            assertThatThrownBy(() -> verifier.metadataWithSecret(CODEC.readTree("[1]")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DirectWebhookVerifier.unauthenticated().metadataWithSecret(null))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> DirectWebhookVerifier.withSharedSecret(" ", SHARED))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        private byte[] directBody(JsonNode metadata) {
            ObjectNode body = CODEC.readTree("{\"status\":\"Completed\",\"job_id\":\"job-9\"}").deepCopy();
            body.set("metadata", metadata);
            return CODEC.encode(body);
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static WebhookVerificationException assertRejected(Runnable call, Reason reason) {
        WebhookVerificationException e = catchRejection(call);
        assertThat(e).as("expected a rejection for " + reason).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        return e;
    }

    private static WebhookVerificationException catchRejection(Runnable call) {
        return catchThrowableOfType(WebhookVerificationException.class, call::run);
    }

    private static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static Map<String, List<String>> signedHeaders(byte[] body) {
        return signedHeaders(MSG_ID, NOW, body);
    }

    private static Map<String, List<String>> signedHeaders(String id, long timestamp, byte[] body) {
        return headers("svix-id", id, "svix-timestamp", Long.toString(timestamp), "svix-signature",
                sign(SECRET, id, timestamp, body));
    }

    private static Map<String, List<String>> headersWithSignature(String signature) {
        return headers("svix-id", MSG_ID, "svix-timestamp", Long.toString(NOW), "svix-signature", signature);
    }

    /** A mutable header map from name, value pairs. */
    private static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return headers;
    }

    /** {@code v1,} and the base64 HMAC-SHA256 of {@code "<id>.<timestamp>.<body>"}, independently of the verifier. */
    static String sign(String secret, String id, long timestamp, byte[] body) {
        return sign(secret, id + "." + timestamp + ".", body);
    }

    private static String sign(String secret, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The simulator's way: the whole signed content as one string. */
    private static String simulatorSign(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] example(String file) {
        try (InputStream in = WebhookVerifierTest.class.getResourceAsStream("/examples/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
