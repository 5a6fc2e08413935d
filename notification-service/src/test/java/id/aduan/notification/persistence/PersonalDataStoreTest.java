package id.aduan.notification.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.notification.domain.CaseView;
import id.aduan.notification.domain.Part;
import id.aduan.support.pii.PiiCipher;
import id.aduan.testsupport.InJvmMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.convert.DefaultDbRefResolver;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/**
 * notification-service's stores hold no phone number, email address or NIK in clear
 * (docs/adr/0026): held notices, windows and the case read model keep a keyed hash where the
 * address is a key and ciphertext where it is read back, and still answer every lookup. Against the
 * in-JVM MongoDB-protocol server, with the service's own conversions.
 */
class PersonalDataStoreTest {

  private static final String PHONE = "6281234567890";
  private static final String EMAIL = "siti.aminah@contoh.id";
  private static final String NIK = "3273012345670001";
  private static final Instant AT = Instant.parse("2026-11-20T01:15:05Z");
  private static final ReplyAddress TO =
      new ReplyAddress(Channel.WHATSAPP, "100000000000001", PHONE);
  private static final ReplyAddress MAIL =
      new ReplyAddress(Channel.EMAIL, "pengaduan@bdg.aduan.test", EMAIL);

  private MongoClient client;
  private MongoTemplate mongo;
  private Recipients recipients;

  @BeforeEach
  void freshDatabase() {
    byte[] key = new byte[32];
    byte[] lookup = new byte[32];
    Arrays.fill(key, (byte) 3);
    Arrays.fill(lookup, (byte) 4);
    recipients = new Recipients(new PiiCipher("t", Map.of("t", key), lookup));
    String uri = InJvmMongo.freshDatabaseUri("notification-pii");
    client = MongoClients.create(uri);
    var factory =
        new SimpleMongoClientDatabaseFactory(client, uri.substring(uri.lastIndexOf('/') + 1));
    MongoCustomConversions conversions =
        new PersonalDataConversions().mongoCustomConversions(recipients);
    MongoMappingContext mapping = new MongoMappingContext();
    mapping.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
    mapping.afterPropertiesSet();
    MappingMongoConverter converter =
        new MappingMongoConverter(new DefaultDbRefResolver(factory), mapping);
    converter.setCustomConversions(conversions);
    converter.afterPropertiesSet();
    mongo = new MongoTemplate(factory, converter);
  }

  @AfterEach
  void close() {
    client.close();
  }

  private List<String> raw(String collection) {
    return mongo.getCollection(collection).find().map(Document::toJson).into(new ArrayList<>());
  }

  @Test
  void aHeldNoticeKeepsItsRecipientAndTextSealed_andIsFoundAndReadBackClear() {
    Notifications notifications = new Notifications(mongo);
    String id = "evt-1/WHATSAPP:" + recipients.hash(PHONE);
    Part part =
        new Part(id, "ANSWER", "answer", Map.of("text", "NIK " + NIK + " sudah"), true, null);
    NotificationDocument held =
        new NotificationDocument(
            id,
            "evt-1",
            "c-1",
            "ANSWER",
            null,
            AT,
            List.of(),
            false,
            NotificationDocument.HELD,
            "BDG",
            "BDG-2026-000001",
            "CITIZEN",
            TO,
            recipients.key(TO),
            "id",
            AT.plusSeconds(3600),
            List.of(part),
            1,
            null,
            List.of("WHATSAPP"));

    assertThat(notifications.insert(held)).isTrue();
    Part second =
        new Part("evt-2/x", "STATUS", "inProgress", Map.of("name", "Siti Aminah"), true, null);
    assertThat(notifications.addPart(id, second)).isTrue();

    assertThat(raw("notifications"))
        .singleElement()
        .satisfies(
            json ->
                assertThat(json)
                    .doesNotContain(PHONE)
                    .doesNotContain(NIK)
                    .doesNotContain("Siti Aminah"));
    NotificationDocument read = notifications.byId(id).orElseThrow();
    assertThat(read.to()).isEqualTo(TO);
    assertThat(read.parts()).containsExactly(part, second);
    assertThat(notifications.heldFor(recipients.key(TO), "c-1")).isPresent();
  }

  @Test
  void theWindowOfAnAddressIsStoredUnderItsKeyedHash() {
    CitizenWindows windows = new CitizenWindows(mongo, recipients);

    windows.touch(TO, AT);

    assertThat(windows.lastInbound(TO)).isEqualTo(AT);
    assertThat(raw("citizen_windows")).singleElement().asString().doesNotContain(PHONE);
  }

  @Test
  void theCaseReadModelKeepsEachKnownAddressOnceAndSealed() {
    CaseViews views = new CaseViews(mongo, recipients);
    CaseEvent.CaseOpened opened =
        new CaseEvent.CaseOpened(
            "e-1",
            AT,
            "c-1",
            "BDG-2026-000001",
            "BDG",
            CaseStatus.RECEIVED,
            Channel.WHATSAPP,
            "ONLINE",
            CaseType.COMPLAINT,
            null,
            AT,
            TO,
            "wamid.1",
            "id");
    CaseEvent.CitizenMessageAdded byMail =
        new CaseEvent.CitizenMessageAdded(
            "e-2", AT, "c-1", "BDG-2026-000001", "BDG", CaseStatus.RECEIVED, "m-2", AT, MAIL);

    views.apply(opened);
    views.apply(opened);
    views.apply(byMail);

    CaseView view = views.byId("c-1").orElseThrow();
    assertThat(view.preferred()).isEqualTo(MAIL);
    assertThat(view.known()).containsExactlyInAnyOrder(TO, MAIL);
    assertThat(raw("case_views"))
        .singleElement()
        .satisfies(json -> assertThat(json).doesNotContain(PHONE).doesNotContain(EMAIL));
  }

  @Test
  void aReadModelWrittenBeforeSealingIsStillRead() {
    Document address =
        new Document("channel", "WHATSAPP")
            .append("channelAccountId", "100000000000001")
            .append("recipientId", PHONE);
    mongo
        .getCollection("case_views")
        .insertOne(
            new Document("_id", "c-old")
                .append("ticket", "BDG-2026-000002")
                .append("agencyCode", "BDG")
                .append("status", "RECEIVED")
                .append("preferred", address)
                .append("known", List.of(address)));

    CaseView view = new CaseViews(mongo, recipients).byId("c-old").orElseThrow();

    assertThat(view.preferred()).isEqualTo(TO);
    assertThat(view.known()).containsExactly(TO);
  }
}
