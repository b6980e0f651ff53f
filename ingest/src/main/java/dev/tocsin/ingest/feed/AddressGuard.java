package dev.tocsin.ingest.feed;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Refuses fetches whose host resolves to an address a news feed has no business on: loopback,
 * private (RFC 1918, IPv6 unique-local), carrier-grade NAT, link-local (cloud metadata services),
 * multicast, unspecified and reserved ranges. Checked after DNS resolution, for every address the
 * name has, at every redirect hop. An allowlist of CIDR blocks (e.g. {@code 127.0.0.0/8} for tests
 * and the demo, or an internal feed proxy) opens exceptions.
 *
 * <p>The JDK's HTTP client resolves the name again when it connects, so a DNS server that answers
 * differently within milliseconds (rebinding) is not stopped by this check alone; deployments that
 * need that guarantee should also egress through a proxy or firewall.
 */
public final class AddressGuard {

  private static final List<Cidr> BLOCKED =
      List.of(
          Cidr.parse("0.0.0.0/8"),
          Cidr.parse("10.0.0.0/8"),
          Cidr.parse("100.64.0.0/10"),
          Cidr.parse("127.0.0.0/8"),
          Cidr.parse("169.254.0.0/16"),
          Cidr.parse("172.16.0.0/12"),
          Cidr.parse("192.0.0.0/24"),
          Cidr.parse("192.0.2.0/24"),
          Cidr.parse("192.168.0.0/16"),
          Cidr.parse("198.18.0.0/15"),
          Cidr.parse("198.51.100.0/24"),
          Cidr.parse("203.0.113.0/24"),
          Cidr.parse("224.0.0.0/4"),
          Cidr.parse("240.0.0.0/4"),
          Cidr.parse("::/128"),
          Cidr.parse("::1/128"),
          Cidr.parse("fc00::/7"),
          Cidr.parse("fe80::/10"),
          Cidr.parse("ff00::/8"),
          Cidr.parse("2001:db8::/32"));

  private final List<Cidr> allowed;

  private AddressGuard(List<Cidr> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** A guard with no exceptions. */
  public static AddressGuard strict() {
    return new AddressGuard(List.of());
  }

  /** A guard that lets no address through unchecked: for tools run by hand on a trusted host. */
  public static AddressGuard permissive() {
    return new AddressGuard(List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0")));
  }

  /**
   * A guard that allows the given CIDR blocks ({@code 10.1.2.0/24}, {@code ::1/128}) or single
   * addresses; the word {@code loopback} stands for 127.0.0.0/8 and ::1.
   */
  public static AddressGuard allowing(List<String> entries) {
    List<Cidr> cidrs = new ArrayList<>();
    for (String entry : entries) {
      String value = entry.strip().toLowerCase(Locale.ROOT);
      if (value.isEmpty()) {
        continue;
      }
      if (value.equals("loopback")) {
        cidrs.add(Cidr.parse("127.0.0.0/8"));
        cidrs.add(Cidr.parse("::1/128"));
      } else {
        cidrs.add(Cidr.parse(value));
      }
    }
    return new AddressGuard(cidrs);
  }

  /**
   * Throws a {@link FetchException.Kind#BLOCKED} failure unless every address of the host is
   * allowed.
   */
  public void check(URI url) throws FetchException {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException(
          url, FetchException.Kind.BLOCKED, null, "only http and https URLs are fetched", null);
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      throw new FetchException(url, FetchException.Kind.BLOCKED, null, "the URL has no host", null);
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new FetchException(
          url, FetchException.Kind.CONNECTION, null, "unknown host " + host, e);
    }
    for (InetAddress address : addresses) {
      if (!isAllowed(address)) {
        throw new FetchException(
            url,
            FetchException.Kind.BLOCKED,
            null,
            "refused: "
                + host
                + " resolves to the non-public address "
                + address.getHostAddress()
                + " (allowlist it with TOCSIN_INGEST_ALLOWED_ADDRESSES)",
            null);
      }
    }
  }

  /** Returns whether {@code address} may be fetched from. */
  public boolean isAllowed(InetAddress address) {
    InetAddress effective = embeddedIpv4(address);
    for (Cidr cidr : allowed) {
      if (cidr.contains(effective) || cidr.contains(address)) {
        return true;
      }
    }
    if (effective.isAnyLocalAddress()
        || effective.isLoopbackAddress()
        || effective.isLinkLocalAddress()
        || effective.isSiteLocalAddress()
        || effective.isMulticastAddress()) {
      return false;
    }
    for (Cidr cidr : BLOCKED) {
      if (cidr.contains(effective)) {
        return false;
      }
    }
    return true;
  }

  /** Unwraps IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible and NAT64 (64:ff9b::/96) addresses. */
  private static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] b = address.getAddress();
    boolean mapped = allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = allZero(b, 0, 12) && !allZero(b, 12, 16);
    boolean nat64 =
        (b[0] & 0xff) == 0x00
            && (b[1] & 0xff) == 0x64
            && (b[2] & 0xff) == 0xff
            && (b[3] & 0xff) == 0x9b
            && allZero(b, 4, 12);
    if (mapped || compatible || nat64) {
      try {
        return Inet4Address.getByAddress(Arrays.copyOfRange(b, 12, 16));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return address;
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** An address block. */
  record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      String host = slash < 0 ? text : text.substring(0, slash);
      if (!host.matches("[0-9a-fA-F:.]+")) {
        throw new IllegalArgumentException("Not an IP address or CIDR block: '" + text + "'");
      }
      byte[] bytes;
      try {
        bytes = InetAddress.getByName(host).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("Not an IP address or CIDR block: '" + text + "'", e);
      }
      int prefix;
      try {
        prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Bad prefix length in '" + text + "'", e);
      }
      if (prefix < 0 || prefix > bytes.length * 8) {
        throw new IllegalArgumentException("Bad prefix length in '" + text + "'");
      }
      return new Cidr(bytes, prefix);
    }

    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      int whole = prefix / 8;
      for (int i = 0; i < whole; i++) {
        if (candidate[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xff << (8 - rest) & 0xff;
      return (candidate[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
      try {
        return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
      } catch (UnknownHostException e) {
        return Arrays.toString(network) + "/" + prefix;
      }
    }
  }
}
