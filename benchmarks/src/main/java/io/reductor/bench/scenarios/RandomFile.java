package io.reductor.bench.scenarios;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** A file of random bytes, incompressible like a scanned PDF, the same for the same size. */
final class RandomFile {

    private RandomFile() {
    }

    /**
     * Writes {@code size} random bytes from a fixed seed.
     *
     * @param file where
     * @param size how many bytes
     * @return their SHA-256, in hex
     * @throws IOException if the file cannot be written
     */
    static String write(Path file, long size) throws IOException {
        MessageDigest sha256 = sha256();
        SplittableRandom random = new SplittableRandom(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                int length = (int) Math.min(block.length, size - written);
                out.write(block, 0, length);
                sha256.update(block, 0, length);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
