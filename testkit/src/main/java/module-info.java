/**
 * Reductor's testkit: {@code ReductoSimulator}, an embedded Reducto-compatible server, and its JUnit 5 extension. Both
 * packages are exported; the simulator writes and reads only core's records and Jackson trees, so it opens nothing.
 */
// Reactor, Reactor Netty and PDFBox publish automatic module names only, without a descriptor.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.reductor.testkit {
    requires transitive io.reductor.reactor;
    requires transitive org.junit.jupiter.api;
    requires transitive reactor.test;
    requires com.networknt.schema;
    requires io.reductor.spec;
    requires io.netty.buffer;
    requires io.netty.codec.http;
    requires io.netty.handler;
    requires io.netty.transport;
    requires org.apache.pdfbox;
    requires org.slf4j;

    exports io.reductor.testkit;
    exports io.reductor.testkit.junit;
}
