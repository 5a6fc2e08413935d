package id.aduan.email.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8601 headers of the receiving server decide whether a From is the sender's (ADR 0027). */
class SenderAuthenticationTest {

  private static final SenderAuthentication OURS =
      new SenderAuthentication(List.of("MX.Aduan.test"), List.of("pengaduan@lbk.aduan.test"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "dmarc pass for the From's domain      | mx.aduan.test; dmarc=pass (p=reject) header.from=warga.test | PASS",
        "dmarc pass for another domain         | mx.aduan.test; dmarc=pass header.from=evil.test | FAIL",
        "dkim pass, d= the From's own domain      | mx.aduan.test 1; dkim=pass header.d=mail.warga.test header.s=s1 | PASS",
        "dkim pass, d= a parent domain         | mx.aduan.test; dkim=pass header.d=warga.test | PASS",
        "dkim pass, d= someone else            | mx.aduan.test; dkim=pass header.d=mailer.evil.test | FAIL",
        "spf pass, aligned mailfrom            | mx.aduan.test; spf=pass smtp.mailfrom=bounce@warga.test | PASS",
        "spf pass, unaligned mailfrom          | mx.aduan.test; spf=pass smtp.mailfrom=x@evil.test | FAIL",
        "spf pass but dmarc fail               | mx.aduan.test; spf=pass smtp.mailfrom=a@warga.test; dmarc=fail header.from=warga.test | FAIL",
        "nothing checked                       | mx.aduan.test; none | FAIL",
        "a pass in a comment is no pass        | mx.aduan.test; spf=fail (dkim=pass header.d=warga.test) smtp.mailfrom=a@evil.test | FAIL",
        "a pass in a quoted reason is no pass  | mx.aduan.test; dkim=fail reason=\"x; dkim=pass header.d=warga.test\" | FAIL",
        "another server's header               | mx.elsewhere.test; dmarc=pass header.from=warga.test | NONE",
      })
  void theVerdictOfOurServersHeader(String name, String header, SenderAuthentication.Verdict v) {
    assertThat(OURS.verdict(List.of(header), "Warga@Mail.Warga.test")).isEqualTo(v);
  }

  @Test
  void aForgedPassBelowOurFailStillFails() {
    assertThat(
            OURS.verdict(
                List.of(
                    "mx.aduan.test; dmarc=fail header.from=warga.test",
                    "mx.aduan.test; dmarc=pass header.from=warga.test"),
                "w@warga.test"))
        .isEqualTo(SenderAuthentication.Verdict.FAIL);
  }

  @Test
  void withoutOurHeaderOnlyATrustedMailboxTakesTheFromAsItIs() {
    assertThat(OURS.metadata(List.of(), "w@warga.test", "pengaduan@bdg.aduan.test"))
        .isEqualTo(Map.of("senderAuthenticated", "unknown", "senderAuthenticatedBy", "none"));
    assertThat(OURS.metadata(List.of(), "w@warga.test", "Pengaduan@LBK.aduan.test"))
        .isEqualTo(
            Map.of("senderAuthenticated", "true", "senderAuthenticatedBy", "trusted-mailbox"));
    assertThat(
            OURS.metadata(
                List.of("mx.aduan.test; spf=softfail smtp.mailfrom=w@warga.test"),
                "w@warga.test",
                "pengaduan@lbk.aduan.test"))
        .as("our server's failure is not overridden by the mailbox's trust")
        .containsEntry("senderAuthenticated", "false");
    assertThat(
            new SenderAuthentication(List.of(), List.of("*"))
                .metadata(List.of(), "w@warga.test", "pengaduan@bdg.aduan.test"))
        .containsEntry("senderAuthenticated", "true");
  }

  @Test
  void theSafeDefaultCountsNoHeaderAndTrustsNoMailbox() {
    assertThat(
            SenderAuthentication.none()
                .metadata(
                    List.of("mx.aduan.test; dmarc=pass header.from=warga.test"),
                    "w@warga.test",
                    "pengaduan@bdg.aduan.test"))
        .containsEntry("senderAuthenticated", "unknown");
  }

  @Test
  void aLongRunOfParenthesesIsReadInOnePass() {
    String header = "mx.aduan.test; " + "(".repeat(200_000) + "dmarc=pass";
    assertThat(OURS.verdict(List.of(header), "w@warga.test"))
        .isEqualTo(SenderAuthentication.Verdict.FAIL);
  }
}
