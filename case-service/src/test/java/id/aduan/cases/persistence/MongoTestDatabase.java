package id.aduan.cases.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.testsupport.InJvmMongo;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A {@link MongoTemplate} on a database of its own in the in-JVM MongoDB-protocol server. */
record MongoTestDatabase(MongoClient client, MongoTemplate mongo) implements AutoCloseable {

  static MongoTestDatabase fresh(String prefix) {
    return at(InJvmMongo.freshDatabaseUri(prefix));
  }

  /** Any MongoDB, given a connection string that names the database. */
  static MongoTestDatabase at(String uri) {
    MongoClient client = MongoClients.create(uri);
    String database = uri.substring(uri.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    return new MongoTestDatabase(client, new MongoTemplate(client, database));
  }

  @Override
  public void close() {
    client.close();
  }
}
