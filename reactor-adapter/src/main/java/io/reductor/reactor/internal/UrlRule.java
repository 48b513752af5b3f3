package io.reductor.reactor.internal;

import java.net.URI;
import java.util.Locale;

/**
 * The one rule for every URL the client sends bytes to: the API's base URL, presigned upload URLs and result
 * URLs. A URL must be absolute {@code https://}; plain {@code http://} is allowed to {@linkplain Loopback loopback}
 * hosts only (local simulators and tests), since anything else would carry an API key, a document or a result in
 * clear text.
 */
public final class UrlRule {

    private UrlRule() {
    }

    /**
     * Why {@code uri} may not be used, as a sentence that never quotes the URL itself (presigned URLs carry
     * credentials), or {@code null} when it may.
     */
    public static String problem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "it is not an absolute http(s) URL";
        }
        if (scheme.equals("http") && !Loopback.isLoopback(uri.getHost())) {
            return "plain http:// to " + uri.getHost() + " would travel unencrypted; only https:// is allowed "
                    + "(http is allowed for loopback hosts only)";
        }
        return null;
    }
}
