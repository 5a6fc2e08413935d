package id.aduan.cases.pii;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import id.aduan.support.pii.PiiCipher;
import id.aduan.testsupport.InJvmMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A fresh database in the in-JVM MongoDB-protocol server, with the personal-data codec on the
 * template's mapping events as in the service.
 */
record EncryptingMongo(
    MongoClient client,
    MongoTemplate mongo,
    ApplicationEventPublisher events,
    UnreadablePersonalData unreadable,
    SimpleMeterRegistry meters)
    implements AutoCloseable {

  static EncryptingMongo fresh(PiiCipher cipher) {
    String uri = InJvmMongo.freshDatabaseUri("pii");
    MongoClient client = MongoClients.create(uri);
    MongoTemplate mongo =
        new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1).replaceAll("\\?.*", ""));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    UnreadablePersonalData unreadable = new UnreadablePersonalData(meters);
    MongoCollection<Document> raw = mongo.getCollection("cases");
    CasePersonalData codec =
        new CasePersonalData(cipher, unreadable, id -> raw.find(new Document("_id", id)).first());
    StaticApplicationContext context = new StaticApplicationContext();
    context.addApplicationListener(codec);
    context.refresh();
    mongo.setApplicationContext(context);
    return new EncryptingMongo(client, mongo, context, unreadable, meters);
  }

  MongoCollection<Document> raw(String collection) {
    return mongo.getCollection(collection);
  }

  @Override
  public void close() {
    client.close();
  }
}
