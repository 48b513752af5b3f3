package io.reductor.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script of this package (a resource beside the classes) and its SHA-1 digest. {@link #run} sends it by digest
 * ({@code EVALSHA}) and sends its text ({@code EVAL}) only when Redis does not know it yet (a new or restarted server);
 * Redis runs a script atomically.
 */
final class LuaScript {

    private final String text;
    private final String sha;

    private LuaScript(String text, String sha) {
        this.text = text;
        this.sha = sha;
    }

    /** Reads the script {@code resource} of this package; fails at class initialisation when it is missing. */
    static LuaScript load(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new LuaScript(text, sha1(text));
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }

    /** Runs the script once with {@code keys} and {@code args}; its one reply, typed by {@code output}. */
    <T> Mono<T> run(RedisReactiveCommands<String, String> redis, ScriptOutputType output, String[] keys,
            String... args) {
        Mono<T> bySha = redis.<T>evalsha(sha, output, keys, args).next();
        Mono<T> byText = redis.<T>eval(text, output, keys, args).next();
        return bySha.onErrorResume(RedisNoScriptException.class, missing -> byText);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
