package id.aduan.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HubSignatureRulesTest {

  /** The HMAC-SHA256 test vector everyone checks against (key "key"). */
  private static final byte[] FOX =
      "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

  private static final String FOX_SIGNATURE =
      "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

  /** Computed independently (Python's hmac) over the UTF-8 bytes, em dash, î and emoji included. */
  private static final String NON_ASCII_BODY =
      "{\"text\":\"Bantuan belum cair \u2014 mohon dibantu, Bu Sit\u00ee \uD83D\uDE4F\"}";

  private static final String NON_ASCII_SIGNATURE =
      "sha256=0eaec3a530b5e3b41e88c95e3e08f96de8c9326513565a2fdbb986803a94c4e3";

  private final HubSignature verifier = new HubSignature("key");

  @Test
  void givenTheSignatureMetaComputes_thenAccepted() {
    assertThat(verifier.verify(FOX, FOX_SIGNATURE)).isTrue();
  }

  @Test
  void givenSignatureMadeWithAnotherSecret_thenRejected() {
    String forged = new HubSignature("not-the-key").signatureHeader(FOX);

    assertThat(verifier.verify(FOX, forged)).isFalse();
  }

  @Test
  void givenBodyChangedAfterSigning_thenRejected() {
    byte[] tampered =
        "The quick brown fox jumps over the lazy cat".getBytes(StandardCharsets.UTF_8);

    assertThat(verifier.verify(tampered, FOX_SIGNATURE)).isFalse();
  }

  @Test
  void givenUppercaseHex_thenAccepted() {
    String upper = "sha256=" + FOX_SIGNATURE.substring("sha256=".length()).toUpperCase(Locale.ROOT);

    assertThat(verifier.verify(FOX, upper)).isTrue();
  }

  @ParameterizedTest(name = "[{index}] header \"{0}\"")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
        "sha1=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
        "SHA256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
        "sha256=",
        "sha256=not-hex-at-all",
        "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd",
        "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3c",
        "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8ff",
        "sha256= f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
      })
  void givenMissingOrMalformedHeader_thenRejectedWithoutThrowing(String header) {
    assertThat(verifier.verify(FOX, header)).isFalse();
  }

  @Test
  void givenNonAsciiBody_thenTheRawUtf8BytesAreWhatIsSigned() {
    HubSignature app = new HubSignature("rahasia-aplikasi");
    byte[] raw = NON_ASCII_BODY.getBytes(StandardCharsets.UTF_8);
    // The same JSON value, re-serialized with \\u escapes as some libraries do: other bytes.
    byte[] reEscaped =
        "{\"text\":\"Bantuan belum cair \\u2014 mohon dibantu, Bu Sit\\u00ee \\ud83d\\ude4f\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(app.verify(raw, NON_ASCII_SIGNATURE)).isTrue();
    assertThat(app.signatureHeader(raw)).isEqualTo(NON_ASCII_SIGNATURE);
    assertThat(app.verify(reEscaped, NON_ASCII_SIGNATURE)).isFalse();
  }

  @Test
  void givenBlankSecret_thenRefusedAtConstruction() {
    assertThatThrownBy(() -> new HubSignature("  ")).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "[{index}] expected \"{0}\", given \"{1}\" -> {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "verify-me, verify-me, true",
        "verify-me, verify-mE, false",
        "verify-me, verify-me2, false",
        "verify-me, '', false",
        "verify-me, NULL, false",
        "tok\u00e9n, tok\u00e9n, true"
      })
  void handshakeTokenMatchesOnlyWhenIdentical(String expected, String given, boolean matches) {
    assertThat(HubSignature.tokensMatch(expected, given)).isEqualTo(matches);
  }
}
