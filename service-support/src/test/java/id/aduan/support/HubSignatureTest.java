package id.aduan.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HubSignatureTest {

  private static final byte[] BODY =
      "{\"object\":\"page\",\"entry\":[{\"id\":\"Ünïcode\"}]}".getBytes(StandardCharsets.UTF_8);
  private final HubSignature signature = new HubSignature("app-secret");

  @Test
  void givenTheHeaderMetaComputes_thenVerified_inEitherHexCase() {
    String header = signature.signatureHeader(BODY);

    assertThat(header).startsWith("sha256=").hasSize(7 + 64);
    assertThat(signature.verify(BODY, header)).isTrue();
    assertThat(signature.verify(BODY, "sha256=" + header.substring(7).toUpperCase())).isTrue();
  }

  @Test
  void givenAKnownVector_thenTheHmacMatches() {
    assertThat(
            new HubSignature("key")
                .signatureHeader(
                    "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "sha1=abc", "sha256=zz", "sha256=00"})
  void givenAMissingOrMalformedHeader_thenRefused(String header) {
    assertThat(signature.verify(BODY, header)).isFalse();
  }

  @Test
  void givenABodyChangedByOneByte_thenRefused() {
    String header = signature.signatureHeader(BODY);
    byte[] changed = BODY.clone();
    changed[3] ^= 1;

    assertThat(signature.verify(changed, header)).isFalse();
    assertThat(new HubSignature("other-secret").verify(BODY, header)).isFalse();
  }

  @Test
  void theHandshakeNeedsSubscribeTheTokenAndAChallenge() {
    assertThat(HubSignature.handshakeAccepted("tok", "subscribe", "tok", "123")).isTrue();
    assertThat(HubSignature.handshakeAccepted("tok", "subscribe", "wrong", "123")).isFalse();
    assertThat(HubSignature.handshakeAccepted("tok", "unsubscribe", "tok", "123")).isFalse();
    assertThat(HubSignature.handshakeAccepted("tok", "subscribe", "tok", null)).isFalse();
    assertThat(HubSignature.handshakeAccepted("tok", "subscribe", null, "123")).isFalse();
  }

  @Test
  void anEmptySecretIsRefused() {
    assertThatThrownBy(() -> new HubSignature(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
