package id.aduan.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The query shapes the services send on their hot paths, with the indexes they declare (same keys,
 * same names as Spring Data gives them): each is answered by the index that narrows it most, and
 * gives what the unextended server gives.
 */
class HotPathQueriesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private final List<MongoServer> servers = new ArrayList<>();
  private final List<MongoClient> clients = new ArrayList<>();

  /** One query shape: where it comes from, the query, and the index that must serve it. */
  record Shape(
      String source, String collection, Document filter, Document sort, int limit, String index) {
    @Override
    public String toString() {
      return source;
    }
  }

  static Stream<Arguments> shapes() {
    List<Shape> shapes =
        List.of(
            new Shape(
                "Cases.holdingMessage",
                "cases",
                new Document("agencyCode", "BDG")
                    .append(
                        "messages",
                        new Document(
                            "$elemMatch",
                            new Document("providerMessageId", "wamid-78")
                                .append("channel", "WHATSAPP"))),
                null,
                1,
                "agencyCode_1_messages.providerMessageId_1"),
            new Shape(
                "Cases.holdingAnyMessage",
                "cases",
                new Document("agencyCode", "BTN")
                    .append(
                        "messages.providerMessageId",
                        new Document("$in", List.of("wamid-31", "wamid-32", "nope"))),
                null,
                1,
                "agencyCode_1_messages.providerMessageId_1"),
            new Shape(
                "Cases.latestOpenOfCitizen (threading)",
                "cases",
                new Document("agencyCode", "BDG")
                    .append("citizenKey", "citizen-6")
                    .append("status", new Document("$nin", List.of("CLOSED", "ARCHIVED"))),
                new Document("lastCitizenMessageAt", -1),
                1,
                "agencyCode_1_citizenKey_1"),
            new Shape(
                "Cases.latestResolvedOfCitizen",
                "cases",
                new Document("agencyCode", "LBK")
                    .append("citizenKey", "citizen-5")
                    .append("status", new Document("$in", List.of("RESOLVED", "ARCHIVED"))),
                new Document("openedAt", -1),
                1,
                "agencyCode_1_citizenKey_1"),
            new Shape(
                "Cases.openSince (duplicate check)",
                "cases",
                new Document("agencyCode", "BDG")
                    .append("receivedAt", new Document("$gte", T0.plusSeconds(3600L * 400)))
                    .append("status", new Document("$nin", List.of("CLOSED"))),
                new Document("receivedAt", -1),
                20,
                "agencyCode_1_receivedAt_-1"),
            new Shape(
                "Cases.duplicateCandidates (duplicate check by key, ADR 0049)",
                "cases",
                new Document("agencyCode", "BDG")
                    .append(
                        "dupKeys",
                        new Document("$in", Arrays.asList("b0|5", "b1|7", "phone:3", null)))
                    .append("receivedAt", new Document("$gte", T0.plusSeconds(3600L * 100)))
                    .append("status", new Document("$nin", List.of("CLOSED"))),
                new Document("receivedAt", -1),
                500,
                "agencyCode_1_dupKeys_1_receivedAt_-1"),
            new Shape(
                "Cases.search (inbox by status)",
                "cases",
                new Document("agencyCode", "BTN")
                    .append("division", "loket")
                    .append("status", new Document("$in", List.of("RECEIVED", "VERIFIED"))),
                new Document("receivedAt", -1),
                20,
                "agencyCode_1_status_1"),
            new Shape(
                "Cases.search (received range, $and with an SLA $or)",
                "cases",
                new Document(
                    "$and",
                    List.of(
                        new Document("agencyCode", "LBK")
                            .append(
                                "receivedAt",
                                new Document("$gte", T0.plusSeconds(3600L * 100))
                                    .append("$lt", T0.plusSeconds(3600L * 200))),
                        new Document(
                            "$or", List.of(new Document("deadlines.response.state", "WARNED"))))),
                new Document("receivedAt", -1),
                20,
                "agencyCode_1_receivedAt_-1"),
            new Shape(
                "Cases.visible (ticket in scope)",
                "cases",
                new Document("agencyCode", "BDG").append("ticket", "T-000123"),
                null,
                1,
                "ticket_1"),
            new Shape(
                "outbox sweep (OutboxDocuments.pending)",
                "cases",
                new Document("outboxPending", true),
                null,
                100,
                "outboxPending_1"),
            new Shape(
                "SLA state update (SlaClocks: _id and state)",
                "cases",
                new Document("_id", "case-42").append("status", "RECEIVED"),
                null,
                1,
                "_id_"),
            new Shape(
                "Citizens.byCitizenKey",
                "profiles",
                new Document("agencyCode", "BDG").append("citizenKey", "citizen-9"),
                null,
                1,
                "agencyCode_1_citizenKey_1"),
            new Shape(
                "Citizens.sharingIdentity",
                "profiles",
                new Document("agencyCode", "BTN")
                    .append("identityKeys", new Document("$in", List.of("nik-3", "phone-4")))
                    .append("_id", new Document("$ne", "profile-3")),
                null,
                0,
                "agencyCode_1_identityKeys_1"),
            new Shape(
                "Citizens.ofAgency (_id and agency)",
                "profiles",
                new Document("_id", "profile-12").append("agencyCode", "BDG"),
                null,
                1,
                "_id_"),
            new Shape(
                "Notifications.heldFor",
                "notifications",
                new Document("state", "HELD")
                    .append("toKey", "to-0")
                    .append("caseId", "case-0")
                    .append("audience", "CITIZEN")
                    .append("parts.automatic", new Document("$ne", false)),
                null,
                1,
                "state_1"),
            new Shape(
                "Notifications.due",
                "notifications",
                new Document("state", "HELD")
                    .append("sendAt", new Document("$lte", T0.plusSeconds(3600L * 50))),
                null,
                100,
                "state_1"),
            new Shape(
                "Attempts.ofCase",
                "attempts",
                new Document("caseId", "case-8"),
                new Document("createdAt", 1),
                0,
                "caseId_1"),
            new Shape(
                "SentMessages.readUpTo (channel-social)",
                "sent",
                new Document("conversation", "conv-4")
                    .append("sentAt", new Document("$lte", T0.plusSeconds(3600L * 300)))
                    .append("read", false),
                null,
                0,
                "conversation_1_sentAt_1"),
            new Shape(
                "RawResponses.of (channel-lapor)",
                "raw",
                new Document("laporAgencyId", "LAPOR-BTN"),
                new Document("at", 1),
                1000,
                "laporAgencyId_1"),
            new Shape(
                "OutboundMails.byMessageIds (channel-email)",
                "mails",
                new Document("messageId", new Document("$in", List.of("<m-5@x>", "<m-6@x>"))),
                null,
                0,
                "messageId_1"));
    Supplier<MongoBackend> memory = MemoryBackend::new;
    Supplier<MongoBackend> indexedMemory = IndexingMemoryBackend::new;
    Supplier<MongoBackend> h2 = H2Backend::inMemory;
    Supplier<MongoBackend> indexedH2 = IndexingH2Backend::inMemory;
    return shapes.stream()
        .flatMap(
            shape ->
                Stream.of(
                    Arguments.of(shape, "memory", memory, indexedMemory),
                    Arguments.of(shape, "h2", h2, indexedH2)));
  }

  @AfterEach
  void stop() {
    clients.forEach(MongoClient::close);
    servers.forEach(MongoServer::shutdownNow);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("shapes")
  void theShapeIsServedByItsIndexAndAnswersAsWithout(
      Shape shape,
      String backendName,
      Supplier<MongoBackend> plain,
      Supplier<MongoBackend> indexed) {
    MongoBackend indexedBackend = indexed.get();
    MongoCollection<Document> scan = populated(plain.get(), shape.collection());
    MongoCollection<Document> index = populated(indexedBackend, shape.collection());
    Map<String, Long> before = Lookups.of(indexedBackend, "aduan", shape.collection());

    List<Document> expected = run(scan, shape);
    List<Document> actual = run(index, shape);

    assertThat(actual).isEqualTo(expected);
    assertThat(expected).as("the shape finds something in the data").isNotEmpty();
    Map<String, Long> after = Lookups.of(indexedBackend, "aduan", shape.collection());
    assertThat(after.get(shape.index()) - before.get(shape.index()))
        .as("lookups on " + shape.index() + " (all: " + after + ")")
        .isEqualTo(1);
  }

  private static List<Document> run(MongoCollection<Document> c, Shape shape) {
    var find = c.find(shape.filter()).limit(shape.limit());
    if (shape.sort() != null) {
      find = find.sort(shape.sort());
    }
    return find.into(new ArrayList<>());
  }

  private MongoCollection<Document> populated(MongoBackend backend, String name) {
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    servers.add(server);
    MongoClient client =
        MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    clients.add(client);
    MongoCollection<Document> c = client.getDatabase("aduan").getCollection(name);
    declareIndexes(c, name);
    c.insertMany(HotPathData.documents(name, 600));
    return c;
  }

  /** The indexes as the services declare them (see each repository's constructor). */
  static void declareIndexes(MongoCollection<Document> c, String name) {
    switch (name) {
      case "cases" -> {
        c.createIndex(new Document("ticket", 1), new IndexOptions().unique(true));
        c.createIndex(new Document("outboxPending", 1));
        c.createIndex(new Document("agencyCode", 1).append("status", 1));
        c.createIndex(new Document("agencyCode", 1).append("citizenKey", 1));
        c.createIndex(new Document("agencyCode", 1).append("messages.providerMessageId", 1));
        c.createIndex(new Document("agencyCode", 1).append("receivedAt", -1));
        c.createIndex(new Document("agencyCode", 1).append("dupKeys", 1).append("receivedAt", -1));
      }
      case "profiles" -> {
        c.createIndex(
            new Document("agencyCode", 1).append("citizenKey", 1),
            new IndexOptions().unique(true).sparse(true));
        c.createIndex(new Document("agencyCode", 1).append("identityKeys", 1));
      }
      case "notifications" -> {
        c.createIndex(new Document("outboxPending", 1));
        c.createIndex(new Document("state", 1));
      }
      case "attempts" -> c.createIndex(new Document("caseId", 1));
      case "sent" -> {
        c.createIndex(new Document("sentAt", 1));
        c.createIndex(new Document("conversation", 1).append("sentAt", 1));
      }
      case "raw" -> {
        c.createIndex(new Document("at", 1));
        c.createIndex(new Document("laporAgencyId", 1));
      }
      case "mails" -> c.createIndex(new Document("messageId", 1));
      default -> throw new IllegalArgumentException(name);
    }
  }
}
