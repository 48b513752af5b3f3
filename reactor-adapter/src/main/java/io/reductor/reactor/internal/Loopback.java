package io.reductor.reactor.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Which hosts count as this machine, where plain {@code http://} is allowed (local simulators, tests). */
public final class Loopback {

    private Loopback() {
    }

    /**
     * Whether {@code host} is {@code localhost} or a literal loopback address ({@code 127.x.x.x}, {@code ::1}). Other
     * names are never resolved here (that would block), so they do not count.
     */
    public static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress(); // a literal address: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
