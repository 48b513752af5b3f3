/**
 * Reductor's Reactor API over Reactor Netty. {@code io.reductor.reactor} ({@code ReductoClient} and its resource
 * clients) and {@code io.reductor.reactor.webhook} are exported; {@code io.reductor.reactor.internal} (transport,
 * retries, paging, uploads) is not, so no other module can compile against it or reach it by reflection.
 */
// Reactor, Reactor Netty and PDFBox publish automatic module names only, without a descriptor.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.reductor.reactor {
    requires transitive io.reductor.core;
    requires transitive org.reactivestreams;
    requires transitive reactor.core;
    requires transitive reactor.netty.core;
    requires transitive reactor.netty.http;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.handler;
    requires io.netty.transport;
    requires org.slf4j;
    // Observations and meters for an application that gives the builder its registries; absent otherwise.
    requires static micrometer.observation;
    requires static micrometer.core;
    // Reactor Netty uses these at run time but, as an automatic module, cannot declare them.
    requires io.netty.codec.compression;
    requires io.netty.codec.http2;
    requires io.netty.resolver.dns;

    exports io.reductor.reactor;
    exports io.reductor.reactor.webhook;
}
