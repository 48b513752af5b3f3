package io.reductor.reactor;

import java.net.URI;

/** The regions Reducto serves, each with its own base URL. */
public enum ReductoEnvironment {

    /** The default region, {@code https://platform.reducto.ai}. */
    PRODUCTION("https://platform.reducto.ai"),

    /** The European region, {@code https://eu.platform.reducto.ai}. */
    EU("https://eu.platform.reducto.ai"),

    /** The Australian region, {@code https://au.platform.reducto.ai}. */
    AU("https://au.platform.reducto.ai");

    private final URI baseUrl;

    ReductoEnvironment(String baseUrl) {
        this.baseUrl = URI.create(baseUrl);
    }

    /**
     * The base URL of this region.
     *
     * @return the region's base URL, without a trailing slash
     */
    public URI baseUrl() {
        return baseUrl;
    }
}
