package circles.adapter.out.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Tells public internet addresses from every other kind: loopback, unspecified, private (RFC 1918), carrier-grade
 * NAT (100.64/10), link-local (169.254/16 with the cloud metadata address 169.254.169.254, fe80::/10), multicast,
 * unique-local IPv6 (fc00::/7, also fd00:ec2::254, a metadata address), documentation, benchmarking and reserved
 * ranges. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
 */
public final class PublicAddresses {
    private static final List<Range> NOT_PUBLIC_V4 = List.of(
            v4("0.0.0.0", 8), v4("10.0.0.0", 8), v4("100.64.0.0", 10), v4("127.0.0.0", 8), v4("169.254.0.0", 16),
            v4("172.16.0.0", 12), v4("192.0.0.0", 24), v4("192.0.2.0", 24), v4("192.88.99.0", 24),
            v4("192.168.0.0", 16), v4("198.18.0.0", 15), v4("198.51.100.0", 24), v4("203.0.113.0", 24),
            v4("224.0.0.0", 4), v4("240.0.0.0", 4));
    private static final List<Range> NOT_PUBLIC_V6 = List.of(
            v6("::", 128), v6("::1", 128), v6("100::", 64), v6("2001:db8::", 32), v6("fc00::", 7), v6("fe80::", 10),
            v6("fec0::", 10), v6("ff00::", 8), v6("2001::", 23));

    private PublicAddresses() {
    }

    /** Whether a connection to this address reaches the public internet (and nothing of ours or a provider's). */
    public static boolean isPublic(InetAddress address) {
        if (address instanceof Inet4Address) {
            return NOT_PUBLIC_V4.stream().noneMatch(range -> range.contains(address.getAddress()));
        }
        byte[] bytes = address.getAddress();
        byte[] embedded = embeddedV4(bytes);
        if (embedded != null) {
            return isPublic(v4Address(embedded));
        }
        return NOT_PUBLIC_V6.stream().noneMatch(range -> range.contains(bytes));
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static byte[] embeddedV4(byte[] v6) {
        boolean zeroPrefix = allZero(v6, 0, 10);
        if (zeroPrefix && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (zeroPrefix && v6[10] == 0 && v6[11] == 0 && !allZero(v6, 12, 14)) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (new Range(address("64:ff9b::"), 96).contains(v6) || new Range(address("64:ff9b:1::"), 48).contains(v6)) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if ((v6[0] & 0xff) == 0x20 && (v6[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(v6, 2, 6);
        }
        return null;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4Address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Range v4(String literal, int bits) {
        return new Range(address(literal), bits);
    }

    private static Range v6(String literal, int bits) {
        return new Range(address(literal), bits);
    }

    private static byte[] address(String literal) {
        try {
            InetAddress parsed = InetAddress.getByName(literal);
            byte[] bytes = parsed.getAddress();
            if (literal.contains(":") && !(parsed instanceof Inet6Address)) {
                // "::ffff:a.b.c.d" style literals come back as IPv4; our IPv6 ranges never use them.
                throw new IllegalArgumentException(literal);
            }
            return bytes;
        } catch (UnknownHostException notLiteral) {
            throw new IllegalArgumentException(literal, notLiteral);
        }
    }

    /** An address prefix: the first {@code bits} bits of {@code prefix}. */
    private record Range(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }
}
