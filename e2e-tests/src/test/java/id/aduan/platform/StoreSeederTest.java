package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** The benchmark seeder's copies: new keys, everything else as the template, nothing shared. */
class StoreSeederTest {

  @Test
  void aCopyRenewsTheIdAndEveryUniqueValueAndKeepsTheRest() {
    Document template =
        new Document("_id", "case-1")
            .append("ticket", "BDG-2026-000001")
            .append("sequence", 7L)
            .append("citizen", new Document("key", "c-9").append("sealed", "AAAA"))
            .append("messages", List.of(new Document("providerMessageId", "wamid.1")))
            .append("state", "RECEIVED");

    Document copy =
        StoreSeeder.copy(
            template, Set.of("ticket", "sequence", "citizen.key", "messages.providerMessageId"), 3);

    assertThat(copy.getString("_id")).isEqualTo("case-1-s3");
    assertThat(copy.getString("ticket")).isEqualTo("BDG-2026-000001-s3");
    assertThat(copy.getLong("sequence")).isEqualTo(30_000_007L);
    assertThat(copy.get("citizen", Document.class).getString("key")).isEqualTo("c-9-s3");
    assertThat(copy.get("citizen", Document.class).getString("sealed")).isEqualTo("AAAA");
    assertThat(copy.getList("messages", Document.class).getFirst().getString("providerMessageId"))
        .isEqualTo("wamid.1-s3");
    assertThat(copy.getString("state")).isEqualTo("RECEIVED");
    assertThat(template.get("citizen", Document.class).getString("key"))
        .as("the template is untouched")
        .isEqualTo("c-9");
    assertThat(
            template.getList("messages", Document.class).getFirst().getString("providerMessageId"))
        .isEqualTo("wamid.1");
  }

  @Test
  void aCopyHasDuplicateKeysOfItsOwn() {
    Document template =
        new Document("_id", "case-1").append("dupKeys", List.of("b0|1f", "b1|2e", "nik:ab"));
    Document copy = StoreSeeder.copy(template, Set.of(), 4);
    assertThat(copy.getList("dupKeys", String.class))
        .containsExactly("b0|1f-s4", "b1|2e-s4", "nik:ab-s4");
    assertThat(template.getList("dupKeys", String.class))
        .containsExactly("b0|1f", "b1|2e", "nik:ab");
  }

  @Test
  void anObjectIdBecomesANewOne() {
    ObjectId id = new ObjectId();
    Document copy = StoreSeeder.copy(new Document("_id", id), Set.of(), 1);
    assertThat(copy.getObjectId("_id")).isNotNull().isNotEqualTo(id);
  }
}
