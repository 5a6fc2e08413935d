package id.aduan.cases.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The case's own file store on the in-JVM MongoDB-protocol server (docs/adr/0052). */
class CaseFilesTest {

  static final byte[] PDF = ascii("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
  static final byte[] JPEG = bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F');
  static final byte[] PNG = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D);

  private MongoTestDatabase db;
  private SimpleMeterRegistry meters;
  private CaseFiles files;

  @BeforeEach
  void fresh() {
    db = MongoTestDatabase.fresh("case-files");
    meters = new SimpleMeterRegistry();
    files =
        new CaseFiles(
            db.mongo(),
            new CaseFiles.Settings(DataSize.ofBytes(64), 3),
            meters,
            Clock.fixed(Instant.parse("2026-03-02T03:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void keepsTheBytesWithTheTypeTheyAreAndTheirHash() {
    // Declared as a PNG by its name: the bytes are a PDF, and that is what it is kept and read as.
    CaseFiles.StoredFile stored = files.store("bdg", "kk-scan.png", PDF);

    assertThat(stored.kind()).isEqualTo(FileKind.PDF);
    assertThat(stored.mediaType()).isEqualTo("application/pdf");
    assertThat(stored.size()).isEqualTo(PDF.length);
    assertThat(stored.sha256()).isEqualTo(CaseFiles.sha256(PDF)).hasSize(64);
    assertThat(stored.declaredName()).isEqualTo("kk-scan.png");
    CaseFiles.File read = files.read("bdg", stored.id()).orElseThrow();
    assertThat(read.bytes()).isEqualTo(PDF);
    assertThat(read.mediaType()).isEqualTo("application/pdf");
    assertThat(read.sha256()).isEqualTo(stored.sha256());
    assertThat(read.declaredName()).isEqualTo("kk-scan.png");
    assertThat(files.store("bdg", null, JPEG).mediaType()).isEqualTo("image/jpeg");
    assertThat(files.store("bdg", " ", PNG).declaredName()).isNull();
    assertThat(meters.counter("aduan.cases.files.stored", "kind", "pdf").count()).isEqualTo(1);
  }

  @Test
  void readsOnlyForTheFilesAgency() {
    CaseFiles.StoredFile stored = files.store("bdg", "ktp.jpg", JPEG);

    assertThat(files.read("babel", stored.id())).isEmpty();
    assertThat(files.read("bdg", "not-an-id")).isEmpty();
    assertThat(files.read("bdg", "0123456789abcdef01234567")).isEmpty();
  }

  @Test
  void refusesWhatItDoesNotKnowTooLargeEmptyAndOneTooMany() {
    assertThatThrownBy(() -> files.store("bdg", "x.pdf", ascii("<svg onload=alert(1)>")))
        .isInstanceOfSatisfying(
            CaseFiles.Refused.class,
            e -> {
              assertThat(e.reason()).isEqualTo(CaseFiles.Reason.UNSUPPORTED_TYPE);
              assertThat(e.reason().status()).isEqualTo(415);
              assertThat(e.messageId()).contains("Jenis berkas tidak didukung");
              assertThat(e.messageEn()).contains("Unsupported file type");
            });
    byte[] large = new byte[65];
    System.arraycopy(PDF, 0, large, 0, PDF.length);
    assertThatThrownBy(() -> files.store("bdg", "big.pdf", large))
        .isInstanceOfSatisfying(
            CaseFiles.Refused.class,
            e -> {
              assertThat(e.reason().status()).isEqualTo(413);
              assertThat(e.messageEn()).contains("at most 64 B");
            });
    assertThatThrownBy(() -> files.store("bdg", "empty.pdf", new byte[0]))
        .isInstanceOfSatisfying(
            CaseFiles.Refused.class, e -> assertThat(e.reason().status()).isEqualTo(400));
    files.checkRoom(1, 2);
    assertThatThrownBy(() -> files.checkRoom(2, 2))
        .isInstanceOfSatisfying(
            CaseFiles.Refused.class,
            e -> assertThat(e.reason()).isEqualTo(CaseFiles.Reason.TOO_MANY_FILES));
    assertThat(meters.counter("aduan.cases.files.refused", "reason", "unsupported-type").count())
        .isEqualTo(1);
    assertThat(meters.counter("aduan.cases.files.refused", "reason", "too-large").count())
        .isEqualTo(1);
    assertThat(meters.counter("aduan.cases.files.refused", "reason", "too-many-files").count())
        .isEqualTo(1);
  }

  @Test
  void defaultsAreTenMegabytesAndTwentyFiles() {
    CaseFiles.Settings defaults = new CaseFiles.Settings(null, null);
    assertThat(defaults.maxFileSize()).isEqualTo(DataSize.ofMegabytes(10));
    assertThat(defaults.maxFilesPerCase()).isEqualTo(20);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }
}
