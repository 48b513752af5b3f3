package io.reductor.testkit;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs from {@link ThreadLocalRandom}: {@link UUID#randomUUID()} reads {@code SecureRandom}, which
 * may block, and ids are made on event loops. Ids need to be unique, not unguessable.
 */
final class Ids {

    private Ids() {
    }

    static String uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
