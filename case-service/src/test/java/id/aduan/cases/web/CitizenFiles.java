package id.aduan.cases.web;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import id.aduan.cases.persistence.Cases;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.EventPublisher;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Files as the channel adapters keep them (GridFS in the adapter's database, the agency in the
 * metadata) and complaints that carry them, published on the inbound topic of a started case
 * service.
 */
final class CitizenFiles {

  private final ConfigurableApplicationContext service;
  private final MongoClient mongo;
  private final String caseDatabase;

  CitizenFiles(ConfigurableApplicationContext service, MongoClient mongo, String caseDatabase) {
    this.service = service;
    this.mongo = mongo;
    this.caseDatabase = caseDatabase;
  }

  /**
   * Stores a file as an adapter does (Spring's GridFsTemplate keeps the declared type in the
   * metadata as {@code _contentType}); returns its GridFS id (the adapter's storageRef).
   */
  String store(String database, String name, byte[] bytes, String declaredType, Document metadata) {
    Document withType = new Document(metadata).append("_contentType", declaredType);
    return GridFSBuckets.create(mongo.getDatabase(database))
        .uploadFromStream(
            name, new ByteArrayInputStream(bytes), new GridFSUploadOptions().metadata(withType))
        .toHexString();
  }

  static ComplaintReceived.Attachment stored(
      String attachmentId, String declaredType, String fileName, byte[] bytes, String storageRef) {
    return new ComplaintReceived.Attachment(
        attachmentId, declaredType, fileName, bytes.length, null, storageRef, "STORED");
  }

  /**
   * Publishes a complaint of a new citizen with these files and waits for its case; returns the
   * ticket.
   */
  String complaint(
      String agency,
      Channel channel,
      String account,
      String providerMessageId,
      String text,
      List<ComplaintReceived.Attachment> files) {
    // A new citizen each time: a second message of the same citizen would join their open case.
    long n = java.util.concurrent.ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    String sender = channel == Channel.EMAIL ? "warga" + n + "@warga.test" : "628" + n;
    service
        .getBean(EventPublisher.class)
        .publish(
            Topics.COMPLAINTS_INBOUND,
            agency + "|" + sender,
            new ComplaintReceived(
                UUID.randomUUID().toString(),
                Instant.now(),
                agency,
                channel,
                account,
                providerMessageId,
                new ComplaintReceived.Sender(sender, "Warga", false, false),
                channel == Channel.EMAIL ? "email" : "document",
                null,
                text,
                files,
                null,
                null,
                List.of(),
                Instant.now(),
                Map.of(),
                null),
            null);
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> service.getBean(Cases.class).holdingMessage(agency, channel, providerMessageId),
            Optional::isPresent)
        .get()
        .state()
        .ticket();
  }

  /**
   * Makes the case look as cases were kept before files' ids and storage references were recorded
   * (the adapter's attachment ids and the file names and types only).
   */
  void asKeptBefore(String ticket) {
    var cases = mongo.getDatabase(caseDatabase).getCollection("cases");
    Document doc = cases.find(Filters.eq("ticket", ticket)).first();
    List<Document> messages = doc.getList("messages", Document.class);
    for (Document m : messages) {
      for (Document f : m.getList("files", Document.class, List.of())) {
        f.remove("attachmentId");
        f.remove("storageRef");
      }
    }
    cases.updateOne(Filters.eq("ticket", ticket), Updates.set("messages", messages));
  }
}
