package id.aduan.cases.documents;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.CaseEvent;
import id.aduan.support.pii.PiiCipher;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The berita acara's public links (docs/adr/0055): the same resolution always has the same link; a
 * link names its ticket and resolution until it expires; altered, foreign or malformed tokens name
 * nothing.
 */
class PublicLinksTest {

  private static final Instant RESOLVED = Instant.parse("2026-03-17T02:15:30.123456Z");

  private static PublicLinks links(int lookupKey) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) lookupKey);
    byte[] lookup = new byte[32];
    Arrays.fill(lookup, (byte) (lookupKey + 1));
    return new PublicLinks(
        new PiiCipher("k1", Map.of("k1", key), lookup),
        new MockEnvironment().withProperty("local.server.port", "18080"),
        "",
        Duration.ofDays(90));
  }

  private static String token(CaseEvent.DocumentLink link) {
    String url = link.url();
    return url.substring(url.lastIndexOf('/') + 1, url.length() - ".pdf".length());
  }

  @Test
  void theSameResolutionHasTheSameLinkOnThisServicesAddressValidNinetyDays() {
    CaseEvent.DocumentLink link = links(1).beritaAcara("BABEL-2026-000001", RESOLVED);

    assertThat(links(1).beritaAcara("BABEL-2026-000001", RESOLVED)).isEqualTo(link);
    assertThat(link.url())
        .startsWith("http://127.0.0.1:18080/api/v1/public/documents/")
        .endsWith(".pdf")
        .doesNotContain("BABEL-2026-000001");
    assertThat(link.expiresAt()).isEqualTo(Instant.parse("2026-06-15T02:15:30Z"));
    assertThat(links(1).beritaAcara("BABEL-2026-000001", RESOLVED.plusMillis(1)))
        .isNotEqualTo(link);
  }

  @Test
  void aValidTokenNamesItsTicketAndResolutionUntilItExpires() {
    PublicLinks links = links(1);
    String token = token(links.beritaAcara("BABEL-2026-000001", RESOLVED));

    PublicLinks.Checked now = links.check(token, RESOLVED.plusSeconds(60));
    assertThat(now.claim()).isNotNull();
    assertThat(now.claim().ticket()).isEqualTo("BABEL-2026-000001");
    assertThat(now.claim().resolvedAt()).isEqualTo(RESOLVED.toEpochMilli());
    PublicLinks.Checked later = links.check(token, RESOLVED.plus(Duration.ofDays(91)));
    assertThat(later.claim()).isNull();
    assertThat(later.expired()).isTrue();
  }

  @Test
  void anAlteredForeignOrMalformedTokenNamesNothing() {
    PublicLinks links = links(1);
    String token = token(links.beritaAcara("BABEL-2026-000001", RESOLVED));
    String other = token(links.beritaAcara("BABEL-2026-000002", RESOLVED));
    String signature = token.substring(token.indexOf('.') + 1);
    String otherPayload = other.substring(0, other.indexOf('.'));
    char last = token.charAt(token.length() - 1);

    for (String t :
        new String[] {
          otherPayload + "." + signature,
          token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a'),
          token(links(7).beritaAcara("BABEL-2026-000001", RESOLVED)),
          "nonsense",
          "",
          token + "x"
        }) {
      PublicLinks.Checked checked = links.check(t, RESOLVED);
      assertThat(checked.claim()).as(t).isNull();
      assertThat(checked.expired()).as(t).isFalse();
    }
  }
}
