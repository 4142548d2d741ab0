package org.strokescan.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request came from, as sign-in throttling and the audit trail must name it. Behind a trusted proxy
 * (the cluster's HAProxy) that is the client the proxy names in {@code X-Forwarded-For}: the right-most address not
 * itself a trusted proxy, since every proxy appends the address it saw and a client can write anything to the
 * left. From anyone else the header is ignored, so nobody can choose the address they are counted under.
 * <p>
 * Trusted proxies ({@code strokescan.security.trusted-proxies}): address literals, and {@code local} for this
 * machine (loopback, or the address the request came in on).
 */
@ApplicationScoped
public class ClientAddress {

    static final String LOCAL = "local";

    private final Set<String> trusted;

    @Inject
    public ClientAddress(@ConfigProperty(name = "strokescan.security.trusted-proxies") Optional<String> trustedProxies) {
        this.trusted = Arrays.stream(trustedProxies.orElse("").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(ClientAddress::canonical).collect(Collectors.toUnmodifiableSet());
    }

    /** CDI's proxy needs it; never used to serve a request. */
    protected ClientAddress() {
        this.trusted = Set.of();
    }

    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), request.getLocalAddr(),
                Optional.ofNullable(request.getHeaders("X-Forwarded-For"))
                        .map(headers -> Collections.list(headers).stream()
                                .flatMap(value -> Arrays.stream(value.split(","))).map(String::strip).toList())
                        .orElse(List.of()));
    }

    /** Whether the request came straight from a trusted proxy, whose forwarded headers may be believed. */
    public boolean isTrustedProxy(HttpServletRequest request) {
        return isTrusted(canonical(request.getRemoteAddr()), request.getLocalAddr());
    }

    /**
     * @param forwardedFor every address in the request's {@code X-Forwarded-For} headers, left to right
     */
    String of(String remote, String local, List<String> forwardedFor) {
        String client = canonical(remote);
        for (int i = forwardedFor.size() - 1; i >= 0 && isTrusted(client, local); i--) {
            String named = forwardedFor.get(i);
            if (!isAddressLiteral(named)) {
                break; // a proxy names addresses; anything else is not believed, and the proxy stays the client
            }
            client = canonical(named);
        }
        return client;
    }

    boolean isTrusted(String address, String local) {
        if (trusted.contains(address)) {
            return true;
        }
        return trusted.contains(LOCAL) && (address.equals(canonical(local)) || isLoopback(address));
    }

    private static boolean isLoopback(String address) {
        try {
            return isAddressLiteral(address) && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** One spelling per address ({@code ::1} and {@code 0:0:0:0:0:0:0:1} alike); anything else as given. */
    static String canonical(String address) {
        if (address == null) {
            return "-";
        }
        if (!isAddressLiteral(address)) {
            return address;
        }
        try {
            return InetAddress.getByName(address).getHostAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** An IPv4 or IPv6 literal; never a name, which {@link InetAddress#getByName} would look up. */
    static boolean isAddressLiteral(String text) {
        return text != null && !text.isEmpty() && text.length() <= 45 && text.matches("[0-9A-Fa-f:.]+")
                && (text.contains(":") || text.matches("\\d{1,3}(\\.\\d{1,3}){3}"));
    }
}
