package io.reductor.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.reductor.testkit.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test server itself: bound to 127.0.0.1 without persistence, answering at its URI, and gone with its directory
 * once closed; without {@code redis-server} on the {@code PATH} it fails, naming the Debian package.
 */
class RedisServerTest {

    @Test
    void itRunsOnLoopbackWithoutPersistenceAndStopsWithItsDirectory() {
        RedisServer server = RedisServer.start();
        Path directory = server.directory();
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
            Map<String, String> config = connection.sync().configGet("bind", "save", "appendonly", "dir");
            assertThat(config).containsEntry("bind", "127.0.0.1").containsEntry("save", "")
                    .containsEntry("appendonly", "no");
            assertThat(Path.of(config.get("dir")).toAbsolutePath()).isEqualTo(directory.toAbsolutePath());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            server.close();
        }

        assertThat(server.isAlive()).isFalse();
        assertThat(Files.exists(directory)).isFalse();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 1000);
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void withoutTheExecutableItFailsNamingThePackage(@TempDir Path empty) {
        assertThatThrownBy(() -> RedisServer.start(empty.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Install the Debian package redis-server");
        assertThatThrownBy(() -> RedisServer.locate(null)).hasMessage(RedisServer.MISSING);
    }
}
