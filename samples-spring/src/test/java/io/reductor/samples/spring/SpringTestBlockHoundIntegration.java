package io.reductor.samples.spring;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The one BlockHound exception of this module's tests, and it is on the test client's side: {@code WebTestClient}
 * writing a multipart body draws its boundary from a {@code SecureRandom} ({@code MimeTypeUtils
 * .generateMultipartBoundary}), whose {@code NativePRNG} refills its buffer from {@code /dev/urandom} with a
 * {@code FileInputStream} read on the event loop. That read never waits in practice; the application's own code paths
 * stay checked.
 */
public final class SpringTestBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary");
    }
}
