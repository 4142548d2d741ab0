package org.strokescan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final String THIS_MACHINE = "10.1.2.3";

    @Test
    void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
        ClientAddress address = new ClientAddress(Optional.empty());
        assertEquals("198.51.100.9", address.of("198.51.100.9", THIS_MACHINE, List.of("203.0.113.5")));
        assertEquals("127.0.0.1", address.of("127.0.0.1", THIS_MACHINE, List.of("203.0.113.5")));
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        ClientAddress address = new ClientAddress(Optional.of("192.0.2.10, 192.0.2.11"));
        assertEquals("203.0.113.5", address.of("192.0.2.10", THIS_MACHINE, List.of("203.0.113.5")));
        // two proxies in a row: the right-most address that is not one of ours
        assertEquals("203.0.113.5", address.of("192.0.2.10", THIS_MACHINE, List.of("203.0.113.5", "192.0.2.11")));
    }

    @Test
    void whatAClientWritesLeftOfTheProxyIsNotBelieved() {
        ClientAddress address = new ClientAddress(Optional.of("192.0.2.10"));
        // the client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw
        assertEquals("203.0.113.5", address.of("192.0.2.10", THIS_MACHINE, List.of("1.2.3.4", "203.0.113.5")));
        // from an untrusted address the header counts for nothing
        assertEquals("203.0.113.5", address.of("203.0.113.5", THIS_MACHINE, List.of("1.2.3.4")));
    }

    @Test
    void aNameOrGarbageInTheHeaderLeavesTheProxyAsTheClient() {
        ClientAddress address = new ClientAddress(Optional.of("192.0.2.10"));
        assertEquals("192.0.2.10", address.of("192.0.2.10", THIS_MACHINE, List.of("evil.example.org")));
        assertEquals("192.0.2.10", address.of("192.0.2.10", THIS_MACHINE, List.of("<script>")));
        assertEquals("192.0.2.10", address.of("192.0.2.10", THIS_MACHINE, List.of()));
    }

    @Test
    void localMeansLoopbackAndThisMachinesOwnAddress() {
        ClientAddress address = new ClientAddress(Optional.of("local"));
        assertEquals("203.0.113.5", address.of("127.0.0.1", THIS_MACHINE, List.of("203.0.113.5")));
        assertEquals("203.0.113.5", address.of("0:0:0:0:0:0:0:1", THIS_MACHINE, List.of("203.0.113.5")));
        assertEquals("203.0.113.5", address.of(THIS_MACHINE, THIS_MACHINE, List.of("203.0.113.5")));
        assertEquals("198.51.100.9", address.of("198.51.100.9", THIS_MACHINE, List.of("203.0.113.5")));
    }

    @Test
    void oneSpellingPerAddress() {
        ClientAddress address = new ClientAddress(Optional.of("::1"));
        assertEquals("203.0.113.5", address.of("0:0:0:0:0:0:0:1", THIS_MACHINE, List.of("203.0.113.5")));
        assertEquals("0:0:0:0:0:0:0:1", ClientAddress.canonical("::1"));
    }

    @Test
    void onlyATrustedProxyIsOne() {
        ClientAddress address = new ClientAddress(Optional.of("192.0.2.10, local"));
        assertEquals(true, address.isTrusted("192.0.2.10", THIS_MACHINE));
        assertEquals(true, address.isTrusted("127.0.0.1", THIS_MACHINE));
        assertEquals(true, address.isTrusted(THIS_MACHINE, THIS_MACHINE));
        assertEquals(false, address.isTrusted("203.0.113.5", THIS_MACHINE));
        assertEquals(false, new ClientAddress(Optional.empty()).isTrusted("127.0.0.1", THIS_MACHINE));
    }
}
