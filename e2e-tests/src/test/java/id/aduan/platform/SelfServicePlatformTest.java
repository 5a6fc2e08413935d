package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.platform.Outside.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 23, self-service on the citizen's own channel (docs/adr/0053), from outside against the
 * started platform: a reporter writes "cek &lt;ticket&gt;" on WhatsApp (a webhook signed as Meta
 * signs) and the provider sandbox receives the status answer quoting that message; the case's
 * state, messages and timeline are as they were; a stranger asking about the same ticket gets only
 * "not found", nothing about the case.
 */
@StartedPlatform
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfServicePlatformTest {

  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final String BDG_NUMBER_ID = "100000000000001";

  private final Outside outside = new Outside();
  private final JsonMapper json = JsonMapper.builder().build();
  private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
  private LocalPlatform platform;

  @BeforeAll
  void platform(LocalPlatform platform) {
    this.platform = platform;
  }

  @Test
  void theReporterAsksCekTicketAndGetsTheStatusWhileAStrangerGetsNothingAboutTheCase() {
    String reporter = "62819988" + String.format("%05d", Math.abs(run.hashCode()) % 100_000);
    String stranger = "62819989" + String.format("%05d", Math.abs(run.hashCode()) % 100_000);
    String marker = "swalayan" + run;
    String opening = "wamid.SELF-" + run + "-1";
    assertThat(
            whatsapp(
                    reporter,
                    opening,
                    "Bantuan sosial untuk lansia di RT 03 belum diterima, mohon dicek " + marker)
                .status())
        .isEqualTo(200);
    String ticket = findCase(marker).orElseThrow(() -> new AssertionError("no case opened"));
    // The acknowledgement is out once the opening has gone through every service.
    assertThat(sentQuoting(reporter, opening)).as("the acknowledgement").isPresent();
    JsonNode before = caseView(ticket);

    String asking = "wamid.SELF-" + run + "-2";
    assertThat(whatsapp(reporter, asking, "cek " + ticket).status()).isEqualTo(200);
    Optional<String> answer = sentQuoting(reporter, asking);

    assertThat(answer).as("the status answer quoting the reporter's question").isPresent();
    assertThat(answer.get()).contains(ticket).contains("Status pengaduan Anda");
    JsonNode after = caseView(ticket);
    assertThat(after.path("status")).isEqualTo(before.path("status"));
    assertThat(after.path("messages")).isEqualTo(before.path("messages"));
    assertThat(after.path("timeline")).isEqualTo(before.path("timeline"));

    String strangerAsking = "wamid.SELF-" + run + "-3";
    assertThat(whatsapp(stranger, strangerAsking, "cek " + ticket).status()).isEqualTo(200);
    Optional<String> toStranger = sentQuoting(stranger, strangerAsking);

    assertThat(toStranger).as("the stranger's answer").isPresent();
    assertThat(toStranger.get())
        .contains("tidak menemukan")
        .doesNotContain(before.path("status").asString())
        .doesNotContain("diterima ")
        .doesNotContain("target selesai");
    JsonNode last = caseView(ticket);
    assertThat(last.path("messages")).isEqualTo(before.path("messages"));
    assertThat(last.path("timeline")).isEqualTo(before.path("timeline"));
  }

  /** The text of the WhatsApp message the sandbox received for {@code to} quoting {@code wamid}. */
  private Optional<String> sentQuoting(String to, String wamid) {
    Instant deadline = Instant.now().plus(WAIT);
    do {
      Answer answer = outside.get(platform.sandbox() + "/sandbox/requests", null);
      if (answer.status() == 200) {
        for (JsonNode request : json.readTree(answer.body())) {
          if (!request.path("path").asString().endsWith("/messages")) {
            continue;
          }
          JsonNode body;
          try {
            body = json.readTree(request.path("body").asString());
          } catch (RuntimeException e) {
            continue;
          }
          if (to.equals(body.path("to").asString())
              && wamid.equals(body.path("context").path("message_id").asString(""))) {
            return Optional.of(body.path("text").path("body").asString(""));
          }
        }
      }
      sleep();
    } while (Instant.now().isBefore(deadline));
    return Optional.empty();
  }

  private Optional<String> findCase(String marker) {
    Instant deadline = Instant.now().plus(WAIT);
    do {
      Answer found =
          outside.get(platform.cases() + "/api/v1/cases?q=" + marker, LocalPlatform.admin("BDG"));
      if (found.status() == 200) {
        JsonNode items = json.readTree(found.body()).path("items");
        if (items.isArray() && !items.isEmpty()) {
          return Optional.of(items.get(0).path("ticket").asString());
        }
      }
      sleep();
    } while (Instant.now().isBefore(deadline));
    return Optional.empty();
  }

  private JsonNode caseView(String ticket) {
    Answer answer =
        outside.get(platform.cases() + "/api/v1/cases/" + ticket, LocalPlatform.admin("BDG"));
    assertThat(answer.status()).as("the case through the officer API").isEqualTo(200);
    return json.readTree(answer.body());
  }

  private Answer whatsapp(String from, String wamid, String text) {
    ObjectNode root = json.createObjectNode();
    root.put("object", "whatsapp_business_account");
    ObjectNode value =
        root.putArray("entry")
            .addObject()
            .put("id", "waba-BDG")
            .putArray("changes")
            .addObject()
            .put("field", "messages")
            .putObject("value");
    value.put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "6281221742841")
        .put("phone_number_id", BDG_NUMBER_ID);
    value
        .putArray("contacts")
        .addObject()
        .put("wa_id", from)
        .putObject("profile")
        .put("name", "Warga");
    ObjectNode message = value.putArray("messages").addObject();
    message.put("from", from);
    message.put("id", wamid);
    message.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
    message.put("type", "text");
    message.putObject("text").put("body", text);
    byte[] bytes = json.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    return outside.send(
        "POST",
        platform.whatsapp() + "/webhooks/whatsapp",
        "application/json",
        bytes,
        "X-Hub-Signature-256",
        Outside.metaSignature(LocalPlatform.WHATSAPP_APP_SECRET, bytes));
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
