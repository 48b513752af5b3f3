package io.reductor.reactor.internal;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseHeaderViewTest {

    private static Map<String, List<String>> view() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("Content-Length", "12")
                .add("Retry-After", "3")
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2");
        return new ResponseHeaderView(headers);
    }

    @Test
    void looksUpByLowerCaseNameWithEveryValue() {
        Map<String, List<String>> headers = view();

        assertThat(headers.get("content-length")).containsExactly("12");
        assertThat(headers.get("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(headers.containsKey("retry-after")).isTrue();
        assertThat(headers.get("x-missing")).isNull();
        assertThat(headers.containsKey("x-missing")).isFalse();
        assertThat(headers.get(42)).isNull();
    }

    @Test
    void iteratesAsACopyByLowerCaseNameAndRefusesChanges() {
        Map<String, List<String>> headers = view();

        assertThat(headers).containsExactly(Map.entry("content-length", List.of("12")),
                Map.entry("retry-after", List.of("3")), Map.entry("set-cookie", List.of("a=1", "b=2")));
        assertThat(headers).hasSize(3);
        assertThatThrownBy(() -> headers.put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> headers.get("set-cookie").add("c=3"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
