package id.aduan.email.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.email.persistence.OutboundMails.Claim;
import id.aduan.email.persistence.OutboundMails.OutboundMail;
import id.aduan.testsupport.InJvmMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The send claim on the MongoDB-protocol server: once, held, released, taken over, done. */
class OutboundMailClaimsTest {

  private static final Instant T0 = Instant.parse("2026-03-17T02:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(2);

  private MongoClient client;
  private OutboundMails claims;

  @BeforeEach
  void setUp() {
    String uri = InJvmMongo.freshDatabaseUri("email-claims");
    client = MongoClients.create(uri.substring(0, uri.lastIndexOf('/')));
    claims = new OutboundMails(new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1)));
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void aSecondDeliveryWhileTheFirstSendsIsHeldAndAfterItIsDone() {
    assertThat(claims.claim(mail("e1"), T0, LEASE)).isEqualTo(Claim.CLAIMED);
    assertThat(claims.claim(mail("e1"), T0.plusSeconds(10), LEASE)).isEqualTo(Claim.HELD);

    claims.finish("e1", "SENT", T0.plusSeconds(20));

    assertThat(claims.claim(mail("e1"), T0.plusSeconds(30), LEASE)).isEqualTo(Claim.DONE);
    assertThat(claims.claim(mail("e1"), T0.plus(Duration.ofDays(1)), LEASE)).isEqualTo(Claim.DONE);
  }

  @Test
  void aClaimWhoseHolderDiedIsTakenOverAfterItsLease() {
    claims.claim(mail("e2"), T0, LEASE);

    assertThat(claims.claim(mail("e2"), T0.plus(LEASE).minusSeconds(1), LEASE))
        .isEqualTo(Claim.HELD);
    assertThat(claims.claim(mail("e2"), T0.plus(LEASE), LEASE)).isEqualTo(Claim.CLAIMED);
    assertThat(claims.claim(mail("e2"), T0.plus(LEASE).plusSeconds(1), LEASE))
        .isEqualTo(Claim.HELD);
  }

  @Test
  void aReleasedClaimCanBeTakenAtOnceAndTheMessageIdFindsTheTicket() {
    claims.claim(mail("e3"), T0, LEASE);
    claims.release("e3");

    assertThat(claims.claim(mail("e3"), T0.plusSeconds(1), LEASE)).isEqualTo(Claim.CLAIMED);
    assertThat(claims.byMessageIds(List.of("<x@y>", "<e3.aduan@bdg.aduan.test>")))
        .map(OutboundMail::ticket)
        .contains("BDG-2026-000001");
  }

  private static OutboundMail mail(String id) {
    return new OutboundMail(
        id,
        "<" + id + ".aduan@bdg.aduan.test>",
        "BDG",
        "pengaduan@bdg.aduan.test",
        "BDG-2026-000001",
        "c-1",
        "SENDING",
        null,
        0);
  }
}
