package io.reductor.testkit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Matching of methods and path templates: the route and its parameters, or 404 and 405. */
class RouteTableTest {

    private static final Route.Handler NONE = call -> Mono.empty();
    private static final Route PARSE = Route.api("POST", "/parse", NONE);
    private static final Route JOB = Route.api("GET", "/job/{job_id}", NONE);
    private static final Route CANCEL = Route.api("POST", "/cancel/{job_id}", NONE);
    private static final Route STORE = Route.open("PUT", "/_storage/{token}", NONE);
    private static final Route RESULT = Route.open("GET", "/_storage/{token}", NONE);

    private final RouteTable table = new RouteTable(List.of(PARSE, JOB, CANCEL, STORE, RESULT));

    @Test
    void aLiteralPathMatchesItsMethodOnly() {
        assertThat(table.match("POST", "/parse")).isEqualTo(new RouteTable.Found(PARSE, Map.of()));
        assertThat(table.match("GET", "/parse")).isInstanceOf(RouteTable.MethodNotAllowed.class);
        assertThat(table.match("POST", "/parse_async")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(table.match("POST", "/parse/")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(table.match("POST", "//parse")).isInstanceOf(RouteTable.NotFound.class);
    }

    @Test
    void aParameterTakesOneNonEmptySegmentAsSent() {
        assertThat(table.match("GET", "/job/abc-1")).isEqualTo(new RouteTable.Found(JOB, Map.of("job_id", "abc-1")));
        assertThat(table.match("GET", "/job/a%2Fb")).isEqualTo(new RouteTable.Found(JOB, Map.of("job_id", "a%2Fb")));
        assertThat(table.match("POST", "/cancel/7")).isEqualTo(new RouteTable.Found(CANCEL, Map.of("job_id", "7")));
        assertThat(table.match("GET", "/job/")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(table.match("GET", "/job")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(table.match("GET", "/job/a/b")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(table.match("GET", "/job/a/")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(table.match("DELETE", "/job/abc")).isInstanceOf(RouteTable.MethodNotAllowed.class);
    }

    @Test
    void oneTemplateMayServeSeveralMethods() {
        assertThat(table.match("PUT", "/_storage/t")).isEqualTo(new RouteTable.Found(STORE, Map.of("token", "t")));
        assertThat(table.match("GET", "/_storage/t")).isEqualTo(new RouteTable.Found(RESULT, Map.of("token", "t")));
        assertThat(table.match("POST", "/_storage/t")).isInstanceOf(RouteTable.MethodNotAllowed.class);
    }

    @Test
    void aRouteIsNamedByMethodAndTemplate() {
        assertThat(JOB.name()).isEqualTo("GET /job/{job_id}");
        assertThat(STORE.open()).isTrue();
        assertThat(JOB.open()).isFalse();
    }

    @Test
    void twoRoutesForOneMethodAndTemplateAreRefused() {
        assertThatThrownBy(() -> new RouteTable(List.of(JOB, Route.api("GET", "/job/{job_id}", NONE))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET /job/{job_id}");
    }
}
