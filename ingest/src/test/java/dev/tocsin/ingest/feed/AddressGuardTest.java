package dev.tocsin.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

  private final AddressGuard strict = AddressGuard.strict();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.5.6.7",
        "0.0.0.0",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "224.0.0.1",
        "255.255.255.255",
        "198.18.0.1",
        "::1",
        "::",
        "fe80::1",
        "fd00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::a9fe:a9fe"
      })
  void shouldRefuseNonPublicAddresses(String address) throws Exception {
    assertThat(strict.isAllowed(InetAddress.getByName(address))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"})
  void shouldAllowPublicAddresses(String address) throws Exception {
    assertThat(strict.isAllowed(InetAddress.getByName(address))).isTrue();
  }

  @Test
  void shouldRefuseALoopbackFeedWithAReadableReason() {
    assertThatThrownBy(() -> strict.check(URI.create("http://localhost:8080/feed")))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("non-public address")
        .satisfies(
            e -> assertThat(((FetchException) e).kind()).isEqualTo(FetchException.Kind.BLOCKED));
  }

  @Test
  void shouldRefuseSchemesOtherThanHttp() {
    assertThatThrownBy(() -> strict.check(URI.create("file:///etc/passwd")))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("only http and https");
  }

  @Test
  void shouldAllowAllowlistedBlocks() throws Exception {
    AddressGuard guard = AddressGuard.allowing(List.of("loopback", "10.20.0.0/16"));

    guard.check(URI.create("http://127.0.0.1:9/feed"));
    assertThat(guard.isAllowed(InetAddress.getByName("::1"))).isTrue();
    assertThat(guard.isAllowed(InetAddress.getByName("10.20.3.4"))).isTrue();
    assertThat(guard.isAllowed(InetAddress.getByName("10.21.3.4"))).isFalse();
  }

  @Test
  void shouldRejectAMalformedAllowlistEntry() {
    assertThatThrownBy(() -> AddressGuard.allowing(List.of("intranet.example")))
        .hasMessageContaining("intranet.example");
    assertThatThrownBy(() -> AddressGuard.allowing(List.of("10.0.0.0/40")))
        .hasMessageContaining("prefix");
  }
}
