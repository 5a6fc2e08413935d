package id.aduan.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case service on the in-JVM KRaft broker and the MongoDB-protocol server, driven as the
 * platform drives it: citizen messages on {@code complaints.inbound.v1}, officers over HTTP, facts
 * read back from {@code cases.events.v1}. One context (restarted once on the same database).
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseWorkflowStreamTest {

  private static final String PASSWORD = "stream-test-password";
  private static final String VALID_NIK = "3273014101900001";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();

  @RegisterExtension
  static final AduanService app =
      AduanService.of(CaseServiceApplication::builder, "case-workflow")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          .property("aduan.cases.outbox-sweep-interval", "200ms");

  /** One reader of cases.events.v1 for the class: joining a consumer group costs seconds. */
  private TopicProbe events;

  @BeforeAll
  void start() {
    events = new TopicProbe(app.brokers(), Topics.CASES_EVENTS);
  }

  @AfterAll
  void stop() {
    if (events != null) {
      events.close();
    }
  }

  // ---------------------------------------------------------------- intake, idempotency, restart

  @Test
  void redeliveredAndRestartedOpenNoSecondCaseAndEmitNoSecondEvent() {
    ComplaintReceived m =
        whatsapp(
            "BDG",
            "100000000000001",
            "6281200000001",
            "wamid.REDELIVER-1",
            "Bantuan PKH ibu saya belum cair sejak Januari, NIK " + VALID_NIK + " ini KK saya",
            null,
            List.of(photo("kk.jpg")));

    for (int delivery = 0; delivery < 3; delivery++) {
      send(m);
    }
    CaseDocument opened = awaitCaseWithMessage("BDG", Channel.WHATSAPP, "wamid.REDELIVER-1");
    app.restart();
    send(m);
    // A later message from the same citizen proves the restarted consumer is running, so the
    // redelivery before it has been processed by now.
    send(
        whatsapp(
            "BDG",
            "100000000000001",
            "6281200000001",
            "wamid.REDELIVER-2",
            "Terima kasih",
            null,
            List.of()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cases().byId(opened.id()).orElseThrow().state().messages().size() == 2);

    awaitEvents(opened.id(), 2);
    // Then give a second event the time to show up, if there were one.
    List<ConsumerRecord<String, byte[]>> events = eventsOf(opened.id(), Duration.ofSeconds(2));
    assertThat(distinctIds(events, "id.aduan.case.opened.v1")).hasSize(1);
    assertThat(distinctIds(events, "id.aduan.case.citizen-message-added.v1")).hasSize(1);
    assertThat(cases().byId(opened.id()).orElseThrow().state().messages())
        .extracting(CaseState.Message::providerMessageId)
        .containsExactly("wamid.REDELIVER-1", "wamid.REDELIVER-2");
    assertThat(opened.state().status().name()).isEqualTo("RECEIVED");
  }

  // ------------------------------------------------------------------------- completeness loop

  @Test
  void anIncompleteComplaintWaitsForTheCitizenAndResumesWhenTheySendWhatIsMissing() {
    send(
        whatsapp(
            "BDG",
            "100000000000001",
            "6281200000002",
            "wamid.INCOMPLETE-1",
            "Bantuan PKH ibu saya belum cair sejak Januari, mohon dibantu",
            null,
            List.of()));
    CaseDocument waiting = awaitCaseWithMessage("BDG", Channel.WHATSAPP, "wamid.INCOMPLETE-1");
    assertThat(waiting.state().status().name()).isEqualTo("INCOMPLETE");
    assertThat(waiting.state().missing()).containsExactly("kk", "ktp");

    ComplaintReceived supplied =
        whatsapp(
            "BDG",
            "100000000000001",
            "6281200000002",
            "wamid.INCOMPLETE-2",
            "Ini KK ibu saya, NIK " + VALID_NIK,
            "wamid.INCOMPLETE-1",
            List.of(photo("IMG_20260317.jpg")));
    send(supplied);
    send(supplied);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                cases()
                    .byId(waiting.id())
                    .orElseThrow()
                    .state()
                    .status()
                    .name()
                    .equals("RECEIVED"));

    awaitEvents(waiting.id(), 4);
    List<ConsumerRecord<String, byte[]>> events = eventsOf(waiting.id(), Duration.ofSeconds(2));
    assertThat(types(events))
        .containsExactly(
            "id.aduan.case.opened.v1",
            "id.aduan.case.classified.v1", // the classifier's proposal
            "id.aduan.case.information-requested.v1",
            "id.aduan.case.citizen-message-added.v1",
            "id.aduan.case.information-received.v1");
    JsonNode requested = body(events, "id.aduan.case.information-requested.v1");
    assertThat(requested.get("missing").toString()).isEqualTo("[\"kk\",\"ktp\"]");
    assertThat(requested.get("status").asString()).isEqualTo("INCOMPLETE");
    assertThat(cases().byId(waiting.id()).orElseThrow().state().messages()).hasSize(2);
    // The classifier's proposal, with its confidence and the words behind it.
    JsonNode proposal = body(events, "id.aduan.case.classified.v1");
    assertThat(proposal.get("actor").asString()).isEqualTo("classifier");
    assertThat(proposal.get("division").asString()).isEqualTo("LINJAMSOS");
    assertThat(proposal.get("unsure").asBoolean()).isFalse();
    assertThat(proposal.get("confidence").asDouble()).isBetween(0.5, 1.0);
    assertThat(proposal.get("explanation").toString()).contains("pkh");
    assertThat(waiting.state().suggestedDivision()).isEqualTo("LINJAMSOS");
  }

  // ------------------------------------------------------------------------------- threading

  @Test
  void aReplyOrATicketNumberJoinsTheCaseAndAnythingElseOpensOne() {
    send(
        email(
            "BTN",
            "warga1@example.test",
            "<e1@example.test>",
            "Bantuan beras",
            "Bantuan beras tidak sampai ke keluarga kami di Pasarwajo",
            null));
    CaseDocument first = awaitCaseWithMessage("BTN", Channel.EMAIL, "<e1@example.test>");

    // The reporter replying to the first mail: joins by reply.
    send(
        email(
            "BTN",
            "warga1@example.test",
            "<e2@example.test>",
            "Re: Bantuan beras",
            "Sudah sebulan belum ada kabar",
            "<e1@example.test>"));
    // The reporter naming the ticket (another day, a new mail) with more to tell: joins by ticket.
    // (A mail that only asks how the case stands is answered with its status instead and joins
    // nothing: StatusOnRequestTest, docs/adr/0053.)
    send(
        email(
            "BTN",
            "Warga1@Example.test",
            "<e3@example.test>",
            "Tambahan untuk " + first.state().ticket(),
            "Beras yang sampai bulan lalu hanya lima kilogram dari sepuluh yang dijanjikan",
            null));
    // Another address, no reference: a case of its own.
    send(
        email(
            "BTN",
            "lain@example.test",
            "<e4@example.test>",
            "Lampu jalan",
            "Lampu jalan di depan kantor desa mati sudah dua minggu",
            null));

    CaseDocument other = awaitCaseWithMessage("BTN", Channel.EMAIL, "<e4@example.test>");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cases().byId(first.id()).orElseThrow().state().messages().size() == 3);
    assertThat(other.id()).isNotEqualTo(first.id());
    assertThat(count("aduan.cases.inbound", "BTN", "channel", "email", "outcome", "joined"))
        .isEqualTo(2);
    assertThat(first.state().ticket()).startsWith("BTN-");
  }

  @Test
  void theTicketTheChannelCarriesJoinsTheCaseWhenNeitherSubjectNorTextNamesIt() {
    send(
        email(
            "PSR",
            "warga.psr@example.test",
            "<p1@example.test>",
            "Dana desa",
            "Dana desa untuk jalan lingkungan tidak jelas penggunaannya",
            null));
    CaseDocument first = awaitCaseWithMessage("PSR", Channel.EMAIL, "<p1@example.test>");
    // The reporter, no reply headers, the ticket only where the channel found it (e.g. a LAPOR!
    // report linked to the case, or an email thread the channel matched).
    ComplaintReceived plain =
        email(
            "PSR",
            "warga.psr@example.test",
            "<p2@example.test>",
            "Tambahan",
            "Kami tambahkan foto papan proyek",
            null);
    send(withTicket(plain, first.state().ticket().toLowerCase(java.util.Locale.ROOT)));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cases().byId(first.id()).orElseThrow().state().messages().size() == 2);
    assertThat(cases().holdingMessage("PSR", Channel.EMAIL, "<p2@example.test>"))
        .get()
        .extracting(CaseDocument::id)
        .isEqualTo(first.id());
  }

  @Test
  void aStrangerNamingATicketOpensTheirOwnCaseLinkedToItAndChangesNothingOnIt() throws Exception {
    String victim = "6281200000071";
    send(
        whatsapp(
            "BDG",
            "100000000000001",
            victim,
            "wamid.VICTIM-1",
            "Bantuan PKH ibu saya belum cair, NIK " + VALID_NIK + " terlampir KK",
            null,
            List.of(photo("kk.jpg"))));
    CaseDocument c = awaitCaseWithMessage("BDG", Channel.WHATSAPP, "wamid.VICTIM-1");
    String t = c.state().ticket();
    post("bdg", t, "verify", Map.of(), version(t));
    post(
        "bdg",
        t,
        "classify",
        Map.of("caseType", "COMPLAINT", "slaClass", "STANDARD", "topic", "PKH"),
        version(t));
    post("bdg", t, "route", Map.of("division", "LINJAMSOS"), version(t));
    post("bdg", t, "start-progress", Map.of(), version(t));
    post("bdg", t, "answer", Map.of("text", "Pencairan PKH bulan depan."), version(t));

    // Someone else, who only knows the ticket, writes about it from another number.
    send(
        whatsapp(
            "BDG",
            "100000000000001",
            "6281299900071",
            "wamid.STRANGER-1",
            t + " jawaban ini salah, tolong dibuka lagi dan kirim kabar ke nomor ini",
            null,
            List.of()));
    // And a mail naming the ticket whose From the receiving server did not authenticate.
    send(
        withMetadata(
            email(
                "BDG",
                "warga.spoofed@example.test",
                "<spoofed-1@example.test>",
                "Re: " + t,
                "Tolong dibuka lagi",
                null),
            Map.of("senderAuthenticated", "false")));

    CaseDocument own = awaitCaseWithMessage("BDG", Channel.WHATSAPP, "wamid.STRANGER-1");
    CaseDocument spoofed = awaitCaseWithMessage("BDG", Channel.EMAIL, "<spoofed-1@example.test>");
    assertThat(own.id()).isNotEqualTo(c.id());
    assertThat(own.state().ticket()).isNotEqualTo(t);
    assertThat(spoofed.id()).isNotIn(c.id(), own.id());
    assertThat(own.state().replyAddress().recipientId()).isEqualTo("6281299900071");

    // The named case: still answered, still one message, no event from either message, and the
    // links on its timeline for an officer.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                cases().byId(c.id()).orElseThrow().state().timeline().stream()
                        .filter(e -> e.action().equals("mentioned"))
                        .count()
                    == 2);
    CaseDocument named = cases().byId(c.id()).orElseThrow();
    assertThat(named.state().status().name()).isEqualTo("ANSWERED");
    assertThat(named.state().messages()).hasSize(1);
    assertThat(named.state().replyAddress().recipientId()).isEqualTo(victim);
    assertThat(named.state().otherReporters()).isEmpty();
    assertThat(types(eventsOf(c.id(), Duration.ofSeconds(2))))
        .contains("id.aduan.case.answered.v1")
        .doesNotContain(
            "id.aduan.case.citizen-message-added.v1",
            "id.aduan.case.reopened.v1",
            "id.aduan.case.survey-answered.v1");
    JsonNode view = get("bdg", "/api/v1/cases/" + t);
    assertThat(view.get("timeline").toString())
        .contains("disebut oleh " + own.state().ticket())
        .contains("disebut oleh " + spoofed.state().ticket());
    assertThat(get("bdg", "/api/v1/cases/" + own.state().ticket()).get("timeline").toString())
        .contains("menyebut " + t);
    assertThat(
            count(
                "aduan.cases.ticket.mentions", "BDG", "channel", "whatsapp", "outcome", "stranger"))
        .isEqualTo(1);
    assertThat(
            count(
                "aduan.cases.ticket.mentions",
                "BDG",
                "channel",
                "email",
                "outcome",
                "unauthenticated"))
        .isEqualTo(1);

    // After the resolution, the stranger's rating naming the ticket answers no survey.
    post(
        "bdg",
        t,
        "resolve",
        Map.of(
            "summary",
            "PKH sudah cair",
            "beritaAcara",
            Map.of(
                "whatWasDone",
                "Data penerima diperbaiki",
                "doneBy",
                List.of("bdg.admin"),
                "doneAt",
                Instant.now().toString(),
                "citizenInformedVia",
                "WHATSAPP")),
        version(t));
    send(
        whatsapp(
            "BDG",
            "100000000000001",
            "6281299900071",
            "wamid.STRANGER-2",
            "1 " + t,
            null,
            List.of()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> cases().holdingMessage("BDG", Channel.WHATSAPP, "wamid.STRANGER-2").isPresent());
    assertThat(
            cases().holdingMessage("BDG", Channel.WHATSAPP, "wamid.STRANGER-2").orElseThrow().id())
        .isEqualTo(own.id());
    assertThat(cases().byId(c.id()).orElseThrow().state().survey()).isNull();
    assertThat(cases().byId(c.id()).orElseThrow().state().messages()).hasSize(1);
  }

  // ------------------------------------------------------------------ after the answer

  @Test
  void theCitizensReplyReopensTheAnswerAndAfterTheResolutionTheirRatingIsTheSurveyAnswer()
      throws Exception {
    String citizen = "6281200000031";
    send(
        whatsapp(
            "BDG",
            "100000000000001",
            citizen,
            "wamid.AFTER-1",
            "Bantuan BPNT ibu saya belum cair, NIK " + VALID_NIK + " terlampir KK",
            null,
            List.of(photo("kk.jpg"))));
    CaseDocument c = awaitCaseWithMessage("BDG", Channel.WHATSAPP, "wamid.AFTER-1");
    String t = c.state().ticket();
    post("bdg", t, "verify", Map.of(), version(t));
    post(
        "bdg",
        t,
        "classify",
        Map.of("caseType", "COMPLAINT", "slaClass", "STANDARD", "topic", "BPNT"),
        version(t));
    post("bdg", t, "route", Map.of("division", "LINJAMSOS"), version(t));
    post("bdg", t, "start-progress", Map.of(), version(t));
    post("bdg", t, "answer", Map.of("text", "Pencairan BPNT bulan depan."), version(t));

    // Thanks leave the answer standing.
    send(
        whatsapp(
            "BDG",
            "100000000000001",
            citizen,
            "wamid.AFTER-2",
            "Ok terima kasih pak 🙏",
            null,
            List.of()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cases().byId(c.id()).orElseThrow().state().messages().size() == 2);
    assertThat(cases().byId(c.id()).orElseThrow().state().status().name()).isEqualTo("ANSWERED");

    // Anything else is the citizen taking the case up again.
    send(
        whatsapp(
            "BDG",
            "100000000000001",
            citizen,
            "wamid.AFTER-3",
            "Tapi bulan lalu juga dijanjikan begitu dan tidak cair",
            null,
            List.of()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> cases().byId(c.id()).orElseThrow().state().status().name().equals("IN_PROGRESS"));

    post("bdg", t, "answer", Map.of("text", "Sudah cair per hari ini."), version(t));
    post(
        "bdg",
        t,
        "resolve",
        Map.of(
            "summary",
            "BPNT sudah cair",
            "beritaAcara",
            Map.of(
                "whatWasDone",
                "Data penerima diperbaiki",
                "doneBy",
                List.of("bdg.admin"),
                "doneAt",
                Instant.now().toString(),
                "citizenInformedVia",
                "WHATSAPP")),
        version(t));

    // The survey answer: stored on the resolved case, no new case.
    send(
        whatsapp(
            "BDG",
            "100000000000001",
            citizen,
            "wamid.AFTER-4",
            "4 - cepat, terima kasih",
            null,
            List.of()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cases().byId(c.id()).orElseThrow().state().survey() != null);

    CaseDocument after = cases().byId(c.id()).orElseThrow();
    assertThat(after.state().status().name()).isEqualTo("RESOLVED");
    assertThat(after.state().survey().rating()).isEqualTo(4);
    assertThat(after.state().survey().comment()).isEqualTo("cepat, terima kasih");
    assertThat(get("bdg", "/api/v1/cases/" + t).get("survey").get("rating").asInt()).isEqualTo(4);
    assertThat(after.state().messages()).hasSize(4);
    assertThat(cases().holdingMessage("BDG", Channel.WHATSAPP, "wamid.AFTER-4"))
        .get()
        .extracting(CaseDocument::id)
        .isEqualTo(c.id());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                count("aduan.cases.inbound", "BDG", "channel", "whatsapp", "outcome", "surveyed")
                    == 1);
    List<ConsumerRecord<String, byte[]>> events = awaitEvents(c.id(), 16);
    assertThat(types(events))
        .containsSubsequence(
            "id.aduan.case.answered.v1",
            "id.aduan.case.citizen-message-added.v1",
            "id.aduan.case.citizen-message-added.v1",
            "id.aduan.case.reopened.v1",
            "id.aduan.case.answered.v1",
            "id.aduan.case.resolved.v1",
            "id.aduan.case.survey-answered.v1");
    assertThat(types(events)).containsOnlyOnce("id.aduan.case.reopened.v1");
    assertThat(body(events, "id.aduan.case.reopened.v1").get("actor").asString())
        .isEqualTo("citizen");
    assertThat(body(events, "id.aduan.case.survey-answered.v1").get("rating").asInt()).isEqualTo(4);
  }

  // ------------------------------------------------------------------- triage

  @Test
  void anUnsureProposalPutsTheCaseInTheVerifiersTriageQueueWithItsExplanation() throws Exception {
    send(
        email(
            "PSR",
            "triage@example.test",
            "<triage-1@example.test>",
            "Bantuan",
            "PKH saya belum cair sudah tiga bulan",
            null));
    send(
        email(
            "PSR",
            "triage2@example.test",
            "<triage-2@example.test>",
            "Dana desa",
            "Dana desa untuk jalan lingkungan tidak jelas penggunaannya, mohon diperiksa",
            null));
    CaseDocument unsure = awaitCaseWithMessage("PSR", Channel.EMAIL, "<triage-1@example.test>");
    CaseDocument sure = awaitCaseWithMessage("PSR", Channel.EMAIL, "<triage-2@example.test>");

    JsonNode detail = get("psr", "/api/v1/cases/" + unsure.state().ticket());
    JsonNode proposal = detail.get("classification").get("proposal");
    assertThat(proposal.get("unsure").asBoolean()).isTrue();
    assertThat(proposal.get("explanation").size()).isPositive();
    assertThat(detail.get("suggestedDivision").isNull()).isTrue();
    assertThat(
            get("psr", "/api/v1/cases/" + sure.state().ticket())
                .get("classification")
                .get("proposal")
                .get("unsure")
                .asBoolean())
        .isFalse();

    JsonNode queue = get("psr", "/api/v1/cases?unsure=true&size=100");
    List<String> tickets =
        queue.get("items").valueStream().map(i -> i.get("ticket").asString()).toList();
    assertThat(tickets).contains(unsure.state().ticket()).doesNotContain(sure.state().ticket());
    assertThat(queue.get("items").valueStream().allMatch(i -> i.get("unsure").asBoolean()))
        .isTrue();
  }

  // ------------------------------------------------------ communications and publication

  @Test
  void everyMessageSentAboutTheCaseAndWhatBecameOfItIsOnTheCase() throws Exception {
    send(
        whatsapp(
            "BDG",
            "100000000000001",
            "6281200000041",
            "wamid.COMMS-1",
            "Bantuan PKH belum cair, NIK " + VALID_NIK + " KK terlampir",
            null,
            List.of(photo("kk.jpg"))));
    CaseDocument c = awaitCaseWithMessage("BDG", Channel.WHATSAPP, "wamid.COMMS-1");
    String ack = UUID.randomUUID().toString();
    String survey = UUID.randomUUID().toString();
    Instant t0 = Instant.now();
    // A receipt may overtake its message: it is kept and joins it.
    receipt(ack, DeliveryReceipt.Status.SENT, t0.plusSeconds(1));
    outbound(Topics.OUTBOUND_WHATSAPP, ack, c, "ACKNOWLEDGEMENT", "6281200000041");
    outbound(Topics.OUTBOUND_WHATSAPP, ack, c, "ACKNOWLEDGEMENT", "6281200000041");
    receipt(ack, DeliveryReceipt.Status.DELIVERED, t0.plusSeconds(2));
    receipt(ack, DeliveryReceipt.Status.DELIVERED, t0.plusSeconds(2));
    outbound(Topics.OUTBOUND_EMAIL, survey, c, "SURVEY", "warga@example.test");
    receipt(survey, DeliveryReceipt.Status.FAILED, t0.plusSeconds(3));
    // Unreadable input on one of the four outbound topics: its own dead letters.
    try (TopicProbe dlq = new TopicProbe(app.brokers(), Topics.dlq(Topics.OUTBOUND_EMAIL))) {
      try (var writer = new id.aduan.testsupport.TopicWriter(app.brokers())) {
        writer.send(
            Topics.OUTBOUND_EMAIL,
            0,
            "x",
            "{not json".getBytes(StandardCharsets.UTF_8),
            Map.of("ce_type", "id.aduan.outbound.message.v1", "ce_id", "bad-1"));
      }
      assertThat(dlq.awaitAtLeast(1, Duration.ofSeconds(30))).isNotEmpty();
    }

    JsonNode attempts =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> get("bdg", "/api/v1/cases/" + c.state().ticket() + "/communications"),
                a ->
                    a.size() == 2
                        && a.get(0).get("status").asString().equals("DELIVERED")
                        && a.get(1).get("status").asString().equals("FAILED"));
    assertThat(attempts.get(0).get("purpose").asString()).isEqualTo("ACKNOWLEDGEMENT");
    assertThat(attempts.get(0).get("receipts").size()).isEqualTo(2);
    assertThat(attempts.get(0).get("recipient").asString())
        .isEqualTo("6281*******41")
        .doesNotContain("62812");
    assertThat(attempts.get(1).get("channel").asString()).isEqualTo("EMAIL");
    assertThat(attempts.get(1).get("recipient").asString()).isEqualTo("w***@example.test");
    // Another agency's officer sees nothing of it.
    HttpResponse<String> foreign =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port()
                            + "/api/v1/cases/"
                            + c.state().ticket()
                            + "/communications"))
                .header("Authorization", "Basic " + basic("btn"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(404);
  }

  @Test
  void bangkaBelitungPublishesTheFollowUpWithoutPersonalDataAndOthersDoNot() throws Exception {
    send(
        whatsapp(
            "BABEL",
            "100000000000002",
            "6281200000051",
            "wamid.PUBLISH-1",
            "Bantuan sembako untuk ibu Siti Rahmah tidak diterima, NIK "
                + VALID_NIK
                + " hubungi 0812-3456-7890",
            null,
            List.of(photo("ktp.jpg"))));
    CaseDocument c = awaitCaseWithMessage("BABEL", Channel.WHATSAPP, "wamid.PUBLISH-1");
    String t = c.state().ticket();
    driveToResolved(
        "babel",
        t,
        "Bantuan sembako ibu Siti Rahmah (NIK " + VALID_NIK + ") sudah disalurkan",
        "Warga");

    JsonNode list =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> publicGet("/api/v1/public/babel/follow-ups"), l -> l.size() >= 1);
    JsonNode mine =
        list.valueStream()
            .filter(f -> f.get("ticket").asString().equals(t))
            .findFirst()
            .orElseThrow();
    assertThat(mine.get("summary").asString())
        .contains("sudah disalurkan")
        .contains("[NIK]")
        .doesNotContain(VALID_NIK);
    assertThat(mine.toString()).doesNotContain("6281200000051").doesNotContain(VALID_NIK);
    assertThat(publicStatus("/api/v1/public/bdg/follow-ups")).isEqualTo(404);

    // Reopened: the publication is withdrawn until the case is resolved again.
    post("babel", t, "reopen", Map.of("reason", "Belum diterima semua"), version(t));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                publicGet("/api/v1/public/babel/follow-ups")
                    .valueStream()
                    .noneMatch(f -> f.get("ticket").asString().equals(t)));
  }

  private void driveToResolved(String agency, String t, String summary, String doneBy)
      throws Exception {
    post(agency, t, "verify", Map.of(), version(t));
    post(agency, t, "route", Map.of("division", divisionOf(agency)), version(t));
    post(agency, t, "start-progress", Map.of(), version(t));
    post(agency, t, "answer", Map.of("text", summary), version(t));
    post(
        agency,
        t,
        "resolve",
        Map.of(
            "summary",
            summary,
            "beritaAcara",
            Map.of(
                "whatWasDone",
                summary,
                "doneBy",
                List.of(doneBy),
                "doneAt",
                Instant.now().toString(),
                "citizenInformedVia",
                "WHATSAPP")),
        version(t));
  }

  private static String divisionOf(String agency) {
    return id.aduan.agency.AgencyCatalog.load(java.util.Optional.empty())
        .byCode(agency.toUpperCase(java.util.Locale.ROOT))
        .orElseThrow()
        .rules()
        .divisions()
        .getFirst()
        .code();
  }

  private JsonNode publicGet(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private int publicStatus(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private void outbound(String topic, String eventId, CaseDocument c, String purpose, String to) {
    Channel channel = topic.equals(Topics.OUTBOUND_EMAIL) ? Channel.EMAIL : Channel.WHATSAPP;
    app.bean(EventPublisher.class)
        .publish(
            topic,
            c.id(),
            new OutboundMessage(
                eventId,
                Instant.now(),
                c.state().agencyCode(),
                c.id(),
                c.state().ticket(),
                new ReplyAddress(channel, "acct", to),
                purpose,
                "id",
                null,
                "Terima kasih, aduan Anda kami terima",
                null,
                null,
                List.of(),
                List.of(),
                true,
                null,
                null),
            c.state().ticket());
  }

  private void receipt(String outboundEventId, DeliveryReceipt.Status status, Instant at) {
    app.bean(EventPublisher.class)
        .publish(
            Topics.DELIVERY_RECEIPTS,
            outboundEventId,
            new DeliveryReceipt(
                outboundEventId + ":" + status,
                Instant.now(),
                Channel.WHATSAPP,
                "BDG",
                outboundEventId,
                "wamid.out",
                status,
                status == DeliveryReceipt.Status.FAILED ? "131026" : null,
                null,
                at),
            null);
  }

  // ----------------------------------------------------------------- lifecycle over the API

  @Test
  void officersDriveTheLifecycleWithVersionsAuditAndProblemDetails() throws Exception {
    send(
        whatsapp(
            "BDG",
            "100000000000001",
            "6281200000003",
            "wamid.LIFECYCLE-1",
            "Bantuan PKH dan BPNT ibu saya belum cair, NIK " + VALID_NIK + " terlampir KK",
            null,
            List.of(photo("kk.jpg"))));
    CaseDocument c = awaitCaseWithMessage("BDG", Channel.WHATSAPP, "wamid.LIFECYCLE-1");
    String t = c.state().ticket();
    assertThat(c.state().suggestedDivision()).isEqualTo("LINJAMSOS");

    long v =
        post("bdg", t, "verify", Map.of("reason", "lengkap"), version(t)).path("version").asLong();
    // The same version again: the case moved on since, so 409 stale version.
    HttpResponse<String> stale = postRaw("bdg", t, "verify", Map.of(), v - 1);
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(stale.body()).get("type").asString())
        .isEqualTo("/problems/stale-version");
    assertThat(stale.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).contains("application/problem+json"));
    // An action the state does not allow: 409 illegal transition, naming action and state.
    HttpResponse<String> illegal = postRaw("bdg", t, "answer", Map.of("text", "x"), v);
    assertThat(illegal.statusCode()).isEqualTo(409);
    JsonNode problem = JSON.readTree(illegal.body());
    assertThat(problem.get("type").asString()).isEqualTo("/problems/illegal-transition");
    assertThat(problem.get("caseStatus").asString()).isEqualTo("VERIFIED");
    // A body that fails validation: 400 problem details.
    HttpResponse<String> invalid = postRaw("bdg", t, "route", Map.of(), v);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(invalid.body()).has("detail")).isTrue();
    assertThat(count("aduan.cases.transitions", "BDG", "action", "verify", "outcome", "conflict"))
        .isPositive();
    assertThat(count("aduan.cases.transitions", "BDG", "action", "answer", "outcome", "refused"))
        .isPositive();
    // Another agency's officer does not see the case.
    assertThat(postRaw("btn", t, "route", Map.of("division", "LINJAMSOS"), v).statusCode())
        .isEqualTo(404);

    post(
        "bdg",
        t,
        "classify",
        Map.of("caseType", "COMPLAINT", "slaClass", "STANDARD", "topic", "PKH"),
        version(t));
    post("bdg", t, "route", Map.of("division", "LINJAMSOS"), version(t));
    post("bdg", t, "start-progress", Map.of(), version(t));
    post(
        "bdg", t, "answer", Map.of("text", "Pencairan dijadwalkan ulang bulan depan."), version(t));
    post("bdg", t, "reopen", Map.of("reason", "Belum cair juga"), version(t));
    post("bdg", t, "answer", Map.of("text", "Sudah cair per 1 April."), version(t));
    JsonNode resolved =
        post(
            "bdg",
            t,
            "resolve",
            Map.of(
                "summary",
                "PKH sudah cair",
                "beritaAcara",
                Map.of(
                    "whatWasDone", "Data DTKS diperbarui, pencairan dijadwalkan ulang",
                    "doneBy", List.of("bdg.admin", "bdg.linjamsos"),
                    "doneAt", "2026-04-01T03:00:00Z",
                    "attachmentIds", List.of("att-ba-1"),
                    "citizenInformedVia", "WHATSAPP")),
            version(t));
    assertThat(resolved.get("resolution").get("doneBy").toString()).contains("bdg.linjamsos");
    JsonNode archived = post("bdg", t, "archive", Map.of("reason", "selesai"), version(t));

    assertThat(archived.get("status").asString()).isEqualTo("ARCHIVED");
    JsonNode timeline = archived.get("timeline");
    assertThat(timeline.valueStream().map(e -> e.get("action").asString()).toList())
        .containsExactly(
            "opened",
            "verified",
            "classified",
            "routed",
            "in-progress",
            "answered",
            "reopened",
            "answered",
            "resolved",
            "archived");
    assertThat(timeline.get(1).get("actor").asString()).isEqualTo("bdg.admin");
    assertThat(timeline.get(1).get("from").asString()).isEqualTo("RECEIVED");
    assertThat(timeline.get(1).get("reason").asString()).isEqualTo("lengkap");

    List<ConsumerRecord<String, byte[]>> events = awaitEvents(c.id(), 11);
    assertThat(types(events))
        .containsExactly(
            "id.aduan.case.opened.v1",
            "id.aduan.case.classified.v1", // the classifier's proposal
            "id.aduan.case.status-changed.v1",
            "id.aduan.case.classified.v1",
            "id.aduan.case.routed.v1",
            "id.aduan.case.status-changed.v1",
            "id.aduan.case.answered.v1",
            "id.aduan.case.reopened.v1",
            "id.aduan.case.answered.v1",
            "id.aduan.case.resolved.v1",
            "id.aduan.case.status-changed.v1");
    assertThat(
            body(events, "id.aduan.case.resolved.v1").get("record").get("whatWasDone").asString())
        .startsWith("Data DTKS");
  }

  // -------------------------------------------------------------------------- front desk

  @Test
  void aWrittenComplaintAtButonsFrontDeskWaitsForWhatTheLetterLacks() throws Exception {
    Map<String, Object> letter =
        Map.of(
            "reference", "SURAT-2026-017",
            "mode", "letter",
            "receivedAt", Instant.now().minus(2, ChronoUnit.DAYS).toString(),
            "name", "La Ode Test",
            "address", "Pasarwajo",
            "description", "Bantuan beras tidak sampai ke keluarga kami selama tiga bulan",
            "loss", "Tiga bulan tanpa beras",
            "remedy", "Penyaluran ulang",
            "placeAndTime", "Pasarwajo, 2 Maret 2026",
            "signed", false);

    HttpResponse<String> created = postJson("btn", "/api/v1/intake", letter);
    HttpResponse<String> again = postJson("btn", "/api/v1/intake", letter);
    HttpResponse<String> notAMode =
        postJson(
            "btn",
            "/api/v1/intake",
            Map.of(
                "reference",
                "X",
                "mode",
                "phone",
                "receivedAt",
                Instant.now().toString(),
                "description",
                "Telepon soal bantuan beras desa kami"));
    HttpResponse<String> future =
        postJson(
            "btn",
            "/api/v1/intake",
            Map.of(
                "reference",
                "Y",
                "mode",
                "letter",
                "receivedAt",
                Instant.now().plus(2, ChronoUnit.DAYS).toString(),
                "description",
                "x"));

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode c = JSON.readTree(created.body());
    assertThat(c.get("status").asString()).isEqualTo("INCOMPLETE");
    assertThat(c.get("missing").toString()).isEqualTo("[\"signature\"]");
    assertThat(c.get("intakeMode").asString()).isEqualTo("letter");
    assertThat(JSON.readTree(again.body()).get("ticket")).isEqualTo(c.get("ticket"));
    assertThat(notAMode.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notAMode.body()).get("detail").asString())
        .contains("takes no front-desk complaints by phone");
    assertThat(future.statusCode()).isEqualTo(400);
    JsonNode opened =
        body(awaitEvents(caseIdOf(c.get("ticket").asString()), 2), "id.aduan.case.opened.v1");
    assertThat(opened.get("receivedAt").asString()).isEqualTo(letter.get("receivedAt"));
    assertThat(opened.get("channel").asString()).isEqualTo("FRONT_DESK");
    assertThat(opened.get("slaClass").asString()).isEqualTo("WRITTEN");
  }

  // ------------------------------------------------------------------------------------ PPID

  @Test
  void lebaksInformationRequestPassesItsStepsAndIsGrantedWithAProofOfDelivery() throws Exception {
    HttpResponse<String> created =
        postJson(
            "lbk",
            "/api/v1/intake",
            Map.of(
                "reference", "PPID-LBK-1",
                "mode", "walk-in",
                "receivedAt", Instant.now().toString(),
                "caseType", "INFORMATION_REQUEST",
                "name", "Pemohon",
                "nik", "3602010101900001",
                "description",
                    "Permohonan informasi daftar penerima bantuan sosial Desa Narimbang"));
    JsonNode c = JSON.readTree(created.body());
    String t = c.get("ticket").asString();
    assertThat(c.get("status").asString()).isEqualTo("RECEIVED");
    assertThat(c.get("ppidStep").asString()).isEqualTo("FRONT_OFFICE");
    assertThat(c.get("slaClass").asString()).isEqualTo("PPID");

    assertThat(postRaw("lbk", t, "ppid/advance", Map.of("step", "HEAD"), version(t)).statusCode())
        .isEqualTo(409);
    HttpResponse<String> noExtension =
        postRaw("lbk", t, "extend-deadline", Map.of("reason", "butuh waktu"), version(t));
    assertThat(noExtension.statusCode()).isEqualTo(409);
    assertThat(noExtension.body()).contains("allows no extension");
    for (String step : List.of("SECRETARIAT", "HEAD", "SECRETARY", "VERIFICATION")) {
      // Lebak's step HEAD is taken on (to SECRETARY) by the head only (ppid.takenBy).
      post(
          step.equals("SECRETARY") ? "lbk.kepala" : "lbk",
          t,
          "ppid/advance",
          Map.of("step", step),
          version(t));
    }
    JsonNode granted =
        post(
            "lbk",
            t,
            "ppid/grant",
            Map.of(
                "whatWasDone", "Salinan daftar penerima diserahkan",
                "proofOfDelivery", "Tanda bukti penyerahan No. 12/PPID/2026",
                "citizenInformedVia", "FRONT_DESK"),
            version(t));

    assertThat(granted.get("status").asString()).isEqualTo("RESOLVED");
    assertThat(granted.get("resolution").get("proofOfDelivery").asString()).contains("12/PPID");
    List<ConsumerRecord<String, byte[]>> events = awaitEvents(caseIdOf(t), 6);
    assertThat(types(events).getLast()).isEqualTo("id.aduan.case.resolved.v1");
  }

  // --------------------------------------------------------------------- duplicates and merge

  @Test
  void aWhatsAppComplaintThatAlsoArrivesThroughLaporIsFlaggedMergedAndBothReportersAnswered()
      throws Exception {
    String text = "Jalan desa Air Itam rusak parah sejak tahun lalu dan belum diperbaiki";
    send(
        whatsapp(
            "BABEL",
            "100000000000002",
            "6281277452024",
            "wamid.DUP-1",
            text + " NIK 1971010101900001",
            null,
            List.of(photo("jalan.jpg"))));
    CaseDocument first = awaitCaseWithMessage("BABEL", Channel.WHATSAPP, "wamid.DUP-1");
    send(
        new ComplaintReceived(
            UUID.randomUUID().toString(),
            Instant.now(),
            "BABEL",
            Channel.LAPOR,
            "LAPOR-BABEL",
            "LAPOR-TRK-777#1",
            new ComplaintReceived.Sender("u-reporter-777", null, false, false),
            "text",
            null,
            text + " Kontak 0812-7745-2024",
            List.of(),
            null,
            null,
            List.of(),
            Instant.now(),
            // As channel-lapor sends it: the report is named apart from its reporter (issue 19).
            Map.of("laporTrackingId", "TRK-777"),
            null));
    CaseDocument second = awaitCaseWithMessage("BABEL", Channel.LAPOR, "LAPOR-TRK-777#1");

    assertThat(second.state().duplicateSuspects())
        .singleElement()
        .satisfies(s -> assertThat(s.ticket()).isEqualTo(first.state().ticket()));
    JsonNode merged =
        post(
            "babel",
            second.state().ticket(),
            "merge",
            Map.of("survivorTicket", first.state().ticket()),
            version(second.state().ticket()));
    assertThat(merged.get("status").asString()).isEqualTo("MERGED");
    assertThat(merged.get("mergedIntoTicket").asString()).isEqualTo(first.state().ticket());

    String t = first.state().ticket();
    post("babel", t, "verify", Map.of(), version(t));
    post("babel", t, "route", Map.of("division", "PMD"), version(t));
    post("babel", t, "start-progress", Map.of(), version(t));
    post("babel", t, "answer", Map.of("text", "Perbaikan dijadwalkan Mei."), version(t));

    // The two reporters are one person on two channels: their profiles share a phone number.
    JsonNode profile = get("babel", "/api/v1/cases/" + second.state().ticket() + "/citizen");
    assertThat(profile.get("channel").asString()).isEqualTo("LAPOR");
    JsonNode candidate = profile.get("mergeCandidates").get(0);
    assertThat(candidate.get("channel").asString()).isEqualTo("WHATSAPP");
    assertThat(candidate.get("shared").toString()).isEqualTo("[\"phone\"]");
    assertThat(profile.toString()).doesNotContain("6281277452024").doesNotContain("u-reporter-777");
    HttpResponse<String> mergedProfiles =
        postJson(
            "babel",
            "/api/v1/citizens/merge",
            Map.of(
                "profileIds",
                List.of(
                    candidate.get("profileId").asString(), profile.get("profileId").asString())));
    assertThat(mergedProfiles.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(mergedProfiles.body()).get("changed").asLong()).isEqualTo(1);
    assertThat(
            postJson(
                    "psr",
                    "/api/v1/citizens/merge",
                    Map.of("profileIds", List.of(profile.get("profileId").asString(), "x")))
                .statusCode())
        .isEqualTo(400);

    JsonNode answered = body(awaitEvents(first.id(), 5), "id.aduan.case.answered.v1");
    assertThat(answered.get("replyAddress").get("channel").asString()).isEqualTo("WHATSAPP");
    assertThat(answered.get("alsoNotify").get(0).get("channel").asString()).isEqualTo("LAPOR");
    assertThat(answered.get("alsoNotify").get(0).get("recipientId").asString())
        .isEqualTo("TRK-777");
  }

  // ------------------------------------------------------------------ LAPOR! closing clock

  @Test
  void anAnsweredLaporReportClosesWhenItsReporterDoesNotReplyInLaporsTime() throws Exception {
    send(
        new ComplaintReceived(
            UUID.randomUUID().toString(),
            Instant.now(),
            "PSR",
            Channel.LAPOR,
            "LAPOR-PSR",
            "LAPOR-PSR-CLOSE#1",
            new ComplaintReceived.Sender("TRK-PSR-CLOSE", null, false, false),
            "text",
            null,
            "Bantuan keuangan desa untuk posyandu tidak pernah dicairkan tahun ini",
            List.of(),
            null,
            null,
            List.of(),
            Instant.now(),
            Map.of(),
            null));
    CaseDocument c = awaitCaseWithMessage("PSR", Channel.LAPOR, "LAPOR-PSR-CLOSE#1");
    String t = c.state().ticket();
    post("psr", t, "verify", Map.of(), version(t));
    post("psr", t, "route", Map.of("division", "KEUDES"), version(t));
    post("psr", t, "start-progress", Map.of(), version(t));
    post("psr", t, "answer", Map.of("text", "Dana posyandu dicairkan bulan ini."), version(t));

    SlaEvent.SlaBreached closing =
        new SlaEvent.SlaBreached(
            UUID.randomUUID().toString(),
            Instant.now(),
            c.id(),
            t,
            "PSR",
            SlaEvent.LAPOR_CLOSE,
            Instant.now(),
            "KEUDES");
    for (int delivery = 0; delivery < 2; delivery++) {
      app.bean(EventPublisher.class).publish(Topics.SLA_EVENTS, c.id(), closing, t);
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cases().byId(c.id()).orElseThrow().state().status().name().equals("RESOLVED"));
    CaseDocument closed = cases().byId(c.id()).orElseThrow();
    assertThat(closed.state().timeline().getLast().action()).isEqualTo("closed-without-reply");
    assertThat(closed.state().timeline().getLast().actor()).isEqualTo("system");
    assertThat(closed.state().resolution().citizenInformedVia()).isEqualTo("LAPOR");
    assertThat(
            closed.state().timeline().stream()
                .filter(e -> e.action().equals("closed-without-reply")))
        .hasSize(1);
  }

  /**
   * Issue 19: a report LAPOR! dispositioned to another agency is on the timeline with who and when,
   * and closes the case by the system (CaseRejected REDISPOSITIONED, on which sla-service stops
   * every clock); delivered twice, it closes it once.
   */
  @Test
  void aLaporReportDispositionedAwayIsOnTheTimelineAndClosesTheCaseOnce() throws Exception {
    String tracking = "LAPOR-PSR-AWAY-1";
    send(
        new ComplaintReceived(
            UUID.randomUUID().toString(),
            Instant.now(),
            "PSR",
            Channel.LAPOR,
            "LAPOR-PSR",
            tracking,
            new ComplaintReceived.Sender("u-away", null, false, false),
            "lapor-report",
            null,
            "Lampu penerangan jalan di desa kami padam sejak dua bulan lalu",
            List.of(),
            null,
            null,
            List.of(tracking),
            Instant.now(),
            Map.of("laporTrackingId", tracking, "change", "report", "laporStatus", "disposisi"),
            null));
    CaseDocument c = awaitCaseWithMessage("PSR", Channel.LAPOR, tracking);
    Instant movedAt = Instant.parse("2026-03-06T02:00:00Z");
    ComplaintReceived away =
        new ComplaintReceived(
            UUID.randomUUID().toString(),
            Instant.now(),
            "PSR",
            Channel.LAPOR,
            "LAPOR-PSR",
            tracking + "/v3",
            new ComplaintReceived.Sender("u-away", null, false, false),
            "lapor-update",
            null,
            null,
            List.of(),
            null,
            tracking,
            List.of(tracking),
            movedAt,
            Map.of(
                "laporTrackingId", tracking,
                "change", "status",
                "laporChange", "disposition_away",
                "laporStatus", "disposisi",
                "laporDispositionFrom", "Admin Nasional",
                "laporDispositionTo", "Pemkab Lain"),
            null);
    send(away);
    send(away);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cases().byId(c.id()).orElseThrow().state().status().name().equals("REJECTED"));
    CaseDocument closed = cases().byId(c.id()).orElseThrow();
    assertThat(closed.state().timeline())
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("lapor-change");
              assertThat(e.actor()).isEqualTo("LAPOR! (Admin Nasional)");
              assertThat(e.at()).isEqualTo(movedAt);
              assertThat(e.reason()).contains("Pemkab Lain", "bukan lagi instansi ini");
            });
    assertThat(closed.state().timeline())
        .filteredOn(e -> e.action().equals("redispositioned"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo("system");
              assertThat(e.reason()).contains("didisposisikan ulang ke instansi lain oleh LAPOR!");
            });
    awaitEvents(c.id(), 2);
    List<ConsumerRecord<String, byte[]>> events = eventsOf(c.id(), Duration.ofSeconds(2));
    assertThat(distinctIds(events, "id.aduan.case.rejected.v1")).hasSize(1);
  }

  // ------------------------------------------------------------------------------- Pasuruan

  @Test
  void pasuruansLaporComplaintIsRecordedDistributedAnsweredAndArchivedWithAFollowUpPlan()
      throws Exception {
    send(
        new ComplaintReceived(
            UUID.randomUUID().toString(),
            Instant.now(),
            "PSR",
            Channel.LAPOR,
            "LAPOR-PSR",
            "LAPOR-PSR-1#1",
            new ComplaintReceived.Sender("TRK-PSR-1", null, true, true),
            "text",
            null,
            "Pencairan dana desa di desa kami tidak transparan dan APBDes tidak diumumkan",
            List.of(),
            null,
            null,
            List.of(),
            Instant.now(),
            Map.of(),
            null));
    CaseDocument c = awaitCaseWithMessage("PSR", Channel.LAPOR, "LAPOR-PSR-1#1");
    String t = c.state().ticket();
    assertThat(c.state().status().name()).isEqualTo("RECEIVED");
    assertThat(c.state().slaClass()).isEqualTo("STANDARD");
    assertThat(c.state().suggestedDivision()).isEqualTo("KEUDES");

    post("psr", t, "verify", Map.of(), version(t));
    post("psr", t, "classify", Map.of("caseType", "COMPLAINT"), version(t));
    post("psr", t, "route", Map.of("division", "KEUDES"), version(t));
    post("psr", t, "start-progress", Map.of(), version(t));
    post(
        "psr",
        t,
        "answer",
        Map.of("text", "APBDes sudah diumumkan di papan informasi desa."),
        version(t));
    post(
        "psr",
        t,
        "resolve",
        Map.of(
            "summary",
            "APBDes diumumkan",
            "beritaAcara",
            Map.of(
                "whatWasDone",
                "Klarifikasi ke pemerintah desa; APBDes dipasang",
                "doneBy",
                List.of("psr.admin"),
                "doneAt",
                Instant.now().toString(),
                "citizenInformedVia",
                "LAPOR")),
        version(t));
    JsonNode archived =
        post(
            "psr",
            t,
            "archive",
            Map.of("reason", "Rencana tindak lanjut: monitoring triwulan"),
            version(t));

    assertThat(
            archived
                .get("timeline")
                .get(archived.get("timeline").size() - 1)
                .get("reason")
                .asString())
        .contains("monitoring triwulan");
    assertThat(types(awaitEvents(c.id(), 8)).getLast())
        .isEqualTo("id.aduan.case.status-changed.v1");
  }

  // ---------------------------------------------------------------------------------- helpers

  private double count(String metric, String agency, String... tags) {
    String[] all = new String[tags.length + 2];
    all[0] = "agency";
    all[1] = agency;
    System.arraycopy(tags, 0, all, 2, tags.length);
    return app.bean(io.micrometer.core.instrument.MeterRegistry.class).counter(metric, all).count();
  }

  private Cases cases() {
    return app.bean(Cases.class);
  }

  private void send(ComplaintReceived m) {
    app.bean(EventPublisher.class)
        .publish(
            Topics.COMPLAINTS_INBOUND, m.agencyCode() + "|" + m.sender().channelUserId(), m, null);
  }

  private CaseDocument awaitCaseWithMessage(String agency, Channel channel, String providerId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> cases().holdingMessage(agency, channel, providerId),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private String caseIdOf(String ticket) {
    return cases().byTicket(ticket).orElseThrow().id();
  }

  private long version(String ticket) {
    Long v = cases().byTicket(ticket).orElseThrow().version();
    return v == null ? 0 : v;
  }

  private static ComplaintReceived whatsapp(
      String agency,
      String phoneNumberId,
      String from,
      String wamid,
      String text,
      @Nullable String quoted,
      List<ComplaintReceived.Attachment> attachments) {
    return new ComplaintReceived(
        UUID.randomUUID().toString(),
        Instant.now(),
        agency,
        Channel.WHATSAPP,
        phoneNumberId,
        wamid,
        new ComplaintReceived.Sender(from, "Warga", false, false),
        attachments.isEmpty() ? "text" : "image",
        null,
        text,
        attachments,
        null,
        quoted,
        List.of(),
        Instant.now(),
        Map.of(),
        null);
  }

  private static ComplaintReceived email(
      String agency,
      String from,
      String messageId,
      String subject,
      String text,
      @Nullable String inReplyTo) {
    return new ComplaintReceived(
        UUID.randomUUID().toString(),
        Instant.now(),
        agency,
        Channel.EMAIL,
        "pengaduan@" + agency.toLowerCase() + ".aduan.test",
        messageId,
        new ComplaintReceived.Sender(from, null, false, false),
        "email",
        subject,
        text,
        List.of(),
        null,
        inReplyTo,
        inReplyTo == null ? List.of() : List.of(inReplyTo),
        Instant.now(),
        // As channel-email says it of a From the receiving server authenticated (ADR 0027).
        Map.of("senderAuthenticated", "true"),
        null);
  }

  private static ComplaintReceived withMetadata(ComplaintReceived m, Map<String, String> metadata) {
    return new ComplaintReceived(
        m.eventId(),
        m.occurredAt(),
        m.agencyCode(),
        m.channel(),
        m.channelAccountId(),
        m.providerMessageId(),
        m.sender(),
        m.messageType(),
        m.subject(),
        m.text(),
        m.attachments(),
        m.location(),
        m.inReplyTo(),
        m.references(),
        m.receivedAt(),
        metadata,
        m.ticket());
  }

  private static ComplaintReceived withTicket(ComplaintReceived m, String ticket) {
    return new ComplaintReceived(
        m.eventId(),
        m.occurredAt(),
        m.agencyCode(),
        m.channel(),
        m.channelAccountId(),
        m.providerMessageId(),
        m.sender(),
        m.messageType(),
        m.subject(),
        m.text(),
        m.attachments(),
        m.location(),
        m.inReplyTo(),
        m.references(),
        m.receivedAt(),
        m.metadata(),
        ticket);
  }

  private static ComplaintReceived.Attachment photo(String name) {
    return new ComplaintReceived.Attachment(
        UUID.randomUUID().toString(), "image/jpeg", name, 1234, null, "gridfs-1", "STORED");
  }

  private int port() {
    return app.port();
  }

  private JsonNode post(
      String agency, String ticket, String action, Map<String, ?> body, long version)
      throws Exception {
    HttpResponse<String> response = postRaw(agency, ticket, action, body, version);
    assertThat(response.statusCode()).as(action + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> postRaw(
      String agency, String ticket, String action, Map<String, ?> body, long version)
      throws Exception {
    Map<String, Object> withVersion = new java.util.HashMap<>(body);
    withVersion.put("version", version);
    return postJson(agency, "/api/v1/cases/" + ticket + "/" + action, withVersion);
  }

  private JsonNode get(String agency, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("Authorization", "Basic " + basic(agency))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The agency's admin, or the officer named in full (e.g. {@code lbk.kepala}). */
  private static String basic(String agency) {
    String user = agency.contains(".") ? agency : agency + ".admin";
    return Base64.getEncoder()
        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> postJson(String agency, String path, Map<String, ?> body)
      throws Exception {
    String auth = basic(agency);
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
            .header("Authorization", "Basic " + auth)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private synchronized List<ConsumerRecord<String, byte[]>> eventsOf(String caseId, Duration wait) {
    return events.drain(wait).stream().filter(r -> caseId.equals(r.key())).toList();
  }

  /** Waits for at least {@code count} distinct events of the case, then returns them in order. */
  private synchronized List<ConsumerRecord<String, byte[]>> awaitEvents(String caseId, int count) {
    List<ConsumerRecord<String, byte[]>> mine = List.of();
    for (int i = 0; i < 150 && distinct(mine).size() < count; i++) {
      mine =
          events.drain(Duration.ofMillis(200)).stream()
              .filter(r -> caseId.equals(r.key()))
              .toList();
    }
    return distinct(mine);
  }

  /** The outbox publishes at least once: what counts is each event id once, in order. */
  private static List<ConsumerRecord<String, byte[]>> distinct(
      List<ConsumerRecord<String, byte[]>> records) {
    java.util.LinkedHashMap<String, ConsumerRecord<String, byte[]>> byId =
        new java.util.LinkedHashMap<>();
    records.forEach(r -> byId.putIfAbsent(header(r, "ce_id"), r));
    return List.copyOf(byId.values());
  }

  private static List<String> types(List<ConsumerRecord<String, byte[]>> records) {
    return distinct(records).stream().map(r -> header(r, "ce_type")).toList();
  }

  private static List<String> distinctIds(
      List<ConsumerRecord<String, byte[]>> records, String type) {
    return records.stream()
        .filter(r -> header(r, "ce_type").equals(type))
        .map(r -> header(r, "ce_id"))
        .distinct()
        .toList();
  }

  private static JsonNode body(List<ConsumerRecord<String, byte[]>> records, String type) {
    return records.stream()
        .filter(r -> header(r, "ce_type").equals(type))
        .reduce((a, b) -> b)
        .map(r -> JSON.readTree(r.value()))
        .orElseThrow(() -> new AssertionError("no " + type + " in " + types(records)));
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
