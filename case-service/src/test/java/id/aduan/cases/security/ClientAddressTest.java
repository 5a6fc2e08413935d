package id.aduan.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

  private static MockHttpServletRequest from(String peer, String... headers) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
    request.setRemoteAddr(peer);
    for (int i = 0; i < headers.length; i += 2) {
      request.addHeader(headers[i], headers[i + 1]);
    }
    return request;
  }

  @Test
  void withoutTrustedProxiesTheForwardingHeadersAreIgnored() {
    ClientAddress clients = new ClientAddress(List.of());

    assertThat(clients.of(from("10.0.0.5", "X-Forwarded-For", "203.0.113.7")))
        .isEqualTo("10.0.0.5");
    assertThat(clients.of(from("10.0.0.5", "Forwarded", "for=203.0.113.7"))).isEqualTo("10.0.0.5");
  }

  @Test
  void aPeerThatIsNotATrustedProxyIsTheClientWhateverItForwards() {
    ClientAddress clients = new ClientAddress(List.of("10.0.0.0/8"));

    assertThat(clients.of(from("198.51.100.4", "X-Forwarded-For", "203.0.113.7")))
        .isEqualTo("198.51.100.4");
  }

  @Test
  void behindTrustedProxiesTheFirstUntrustedHopFromTheRightIsTheClient() {
    ClientAddress clients = new ClientAddress(List.of("10.0.0.0/8", " fd00::/8 "));

    assertThat(clients.of(from("10.1.2.3", "X-Forwarded-For", "203.0.113.7")))
        .isEqualTo("203.0.113.7");
    // A client's own prefix is not believed: the proxy appended the real peer on the right.
    assertThat(clients.of(from("10.1.2.3", "X-Forwarded-For", "192.0.2.1, 203.0.113.7, 10.9.9.9")))
        .isEqualTo("203.0.113.7");
    assertThat(
            clients.of(
                from(
                    "fd00::1",
                    "Forwarded",
                    "for=192.0.2.60;proto=http, for=\"[2001:db8::17]:4711\"")))
        .isEqualTo("2001:db8::17");
    assertThat(clients.of(from("10.1.2.3", "Forwarded", "for=198.51.100.9:8080")))
        .isEqualTo("198.51.100.9");
    // Only trusted hops: the leftmost; no header at all: the proxy itself.
    assertThat(clients.of(from("10.1.2.3", "X-Forwarded-For", "10.0.0.7"))).isEqualTo("10.0.0.7");
    assertThat(clients.of(from("10.1.2.3"))).isEqualTo("10.1.2.3");
  }

  @Test
  void somethingThatIsNotAnAddressIsNotAClientKeyAndABadCidrFailsAtStart() {
    ClientAddress clients = new ClientAddress(List.of("10.0.0.0/8"));

    assertThat(clients.of(from("10.1.2.3", "X-Forwarded-For", "evil.example, garbage")))
        .isEqualTo("unknown");
    assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
