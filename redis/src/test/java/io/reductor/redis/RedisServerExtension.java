package io.reductor.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.reductor.testkit.RedisServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.UUID;

/**
 * One real {@link RedisServer} per test class, with a Lettuce {@link RedisClient} on it: register it as
 * {@code @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();}. The server starts
 * before the class's first test and stops, with the client, after its last; tests keep apart by using
 * {@link #uniqueName(String) names of their own}. Without {@code redis-server} on the {@code PATH} every test of the
 * class fails with {@link RedisServer#MISSING}.
 */
final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private RedisServer server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> inspection;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
        client = RedisClient.create(server.uri());
        inspection = client.connect();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (client != null) {
                inspection.close();
                // no quiet period: nothing runs on the client's event loops any more
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The client of the class's server; the extension shuts it down. */
    RedisClient client() {
        return client;
    }

    /** A second client of the same server, as another process would have; the caller shuts it down. */
    RedisClient newClient() {
        return RedisClient.create(server.uri());
    }

    /** Plain commands on the server, to look at the keys the code under test wrote. */
    RedisCommands<String, String> commands() {
        return inspection.sync();
    }

    /** The server's address. */
    String uri() {
        return server.uri();
    }

    /** {@code prefix} and a random suffix: a ledger or channel name no other test uses. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
