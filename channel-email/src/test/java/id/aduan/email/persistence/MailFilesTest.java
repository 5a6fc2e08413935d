package id.aduan.email.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.gridfs.model.GridFSFile;
import id.aduan.support.pii.PiiCipher;
import id.aduan.testsupport.InJvmMongo;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;

/**
 * A whole mail holds the citizen's address and whatever NIK or phone number they wrote: in GridFS
 * it is sealed (issue 18, docs/adr/0026), and {@link MailFiles#load} gives it back as received. The
 * hostile-input suite found a broken MIME mail's NIK in clear in the store before.
 */
class MailFilesTest {

  private static final String NIK = "3573015508770165";
  private static final byte[] MAIL =
      ("From: warga@warga.test\r\nSubject: Keluhan\r\n\r\nNIK saya "
              + NIK
              + ", HP 081234567890\r\n")
          .getBytes(StandardCharsets.UTF_8);

  private MongoClient client;
  private GridFsTemplate gridFs;
  private MailFiles files;

  @BeforeEach
  void setUp() {
    String uri = InJvmMongo.freshDatabaseUri("email-files");
    client = MongoClients.create(uri.substring(0, uri.lastIndexOf('/')));
    String database = uri.substring(uri.lastIndexOf('/') + 1);
    MongoTemplate mongo = new MongoTemplate(client, database);
    gridFs =
        new GridFsTemplate(
            new SimpleMongoClientDatabaseFactory(client, database), mongo.getConverter());
    files = new MailFiles(gridFs, PiiCipher.demo("test"));
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void originalsAndUnparseableMailsAreStoredSealedAndReadBackAsReceived() throws Exception {
    for (String kind : new String[] {"original", "unparseable"}) {
      String id = files.store(MAIL, kind + ".eml", "message/rfc822", kind, "pengaduan@bdg.test");

      String stored = new String(rawBytes(id), StandardCharsets.US_ASCII);
      assertThat(stored).doesNotContain(NIK).doesNotContain("081234567890").doesNotContain("warga");
      assertThat(files.load(id)).hasValue(MAIL);
    }
  }

  @Test
  void attachmentsStayAsTheyAreForTheCaseServiceToServe() throws Exception {
    byte[] pdf = "%PDF-1.4 surat".getBytes(StandardCharsets.US_ASCII);
    String id = files.store(pdf, "surat.pdf", "application/pdf", "attachment", "m", "BDG");

    assertThat(rawBytes(id)).isEqualTo(pdf);
    assertThat(files.load(id)).hasValue(pdf);
  }

  private byte[] rawBytes(String id) throws Exception {
    GridFSFile file = gridFs.findOne(Query.query(Criteria.where("_id").is(new ObjectId(id))));
    try (InputStream in = gridFs.getResource(file).getInputStream()) {
      return in.readAllBytes();
    }
  }
}
