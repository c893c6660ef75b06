package circles.adapter.out.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which URLs a webhook may be sent to, and to which address. Only {@code https} URLs whose host resolves to public
 * addresses only are accepted; hosts on the configured allow-list (local receivers in tests and development) may use
 * {@code http} and any address. The host is resolved when a delivery connects, every address it resolves to is
 * checked, and the delivery connects to the checked address itself ({@link Target#pinned}), so that a name whose
 * DNS answer changes between the check and the connection cannot lead a delivery into the internal network.
 */
public final class WebhookTargets {
    private static final List<String> INTERNAL_SUFFIXES = List.of(".localhost", ".local", ".internal", ".localdomain",
            ".home.arpa", ".lan", ".intranet", ".corp");

    /** Resolves a host name to its addresses (the JDK's resolver; tests give their own). */
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** A URL that may not receive deliveries, with the reason in plain words. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Where a delivery goes: the URL as configured, and the checked address to connect to, or null when the host is
     * allowed by configuration (then the connection goes by name).
     */
    public record Target(URI uri, String host, int port, InetAddress pinned) {
    }

    private final Set<String> allowedHosts;
    private final Resolver resolver;
    private final Predicate<InetAddress> reachable;

    public WebhookTargets(Set<String> allowedHosts, Resolver resolver) {
        this(allowedHosts, resolver, PublicAddresses::isPublic);
    }

    /** With another test of the resolved addresses: for tests that must pin a connection to a local receiver. */
    WebhookTargets(Set<String> allowedHosts, Resolver resolver, Predicate<InetAddress> reachable) {
        this.allowedHosts = allowedHosts.stream().map(String::strip).filter(host -> !host.isEmpty())
                .map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
        this.reachable = reachable;
    }

    public static WebhookTargets withSystemResolver(Set<String> allowedHosts) {
        return new WebhookTargets(allowedHosts, host -> List.of(InetAddress.getAllByName(host)));
    }

    /**
     * The checks that need no DNS: an absolute http(s) URL without credentials; unless its host is allowed,
     * {@code https} and a host that is neither a non-public address literal nor an obviously internal name.
     */
    public URI checkSyntax(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException malformed) {
            throw new Refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new Refused("must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry credentials");
        }
        String host = host(uri);
        if (host == null || host.isEmpty()) {
            throw new Refused("must name a host");
        }
        if (isAllowed(host)) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw new Refused("must use https");
        }
        InetAddress literal = literal(host);
        if (literal != null) {
            if (!PublicAddresses.isPublic(literal)) {
                throw new Refused("must not point to a loopback, private, link-local or other non-public address");
            }
        } else if (!host.contains(".") || host.equals("localhost")
                || INTERNAL_SUFFIXES.stream().anyMatch(host::endsWith)) {
            throw new Refused("must not point to an internal host name");
        }
        return uri;
    }

    /**
     * The target of a delivery to {@code url} now: checked as in {@link #checkSyntax} and, unless its host is
     * allowed, resolved with every address public.
     *
     * @throws Refused when the URL or an address it resolves to is not acceptable
     * @throws UnknownHostException when the name does not resolve now (a failure worth another attempt)
     */
    public Target resolve(String url) throws Refused, UnknownHostException {
        URI uri = checkSyntax(url);
        String host = host(uri);
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        if (isAllowed(host)) {
            return new Target(uri, host, port, null);
        }
        InetAddress literal = literal(host);
        List<InetAddress> addresses = literal != null ? List.of(literal) : resolver.resolve(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            if (!reachable.test(address)) {
                throw new Refused("resolves to " + address.getHostAddress()
                        + ", which is not a public address");
            }
        }
        return new Target(uri, host, port, addresses.getFirst());
    }

    private boolean isAllowed(String host) {
        return allowedHosts.contains(host);
    }

    /** The host in lower case, without the brackets of an IPv6 literal. */
    static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** The address of an IP literal host; null for a name (never resolves anything). */
    static InetAddress literal(String host) {
        boolean v4 = host.matches("[0-9.]+");
        boolean v6 = host.contains(":");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException malformed) {
            return null;
        }
    }
}
