package id.aduan.lapor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.Channel;
import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.lapor.domain.Watermark;
import id.aduan.lapor.persistence.LaporAttachments;
import id.aduan.lapor.persistence.LaporTopics;
import id.aduan.lapor.persistence.RawResponses;
import id.aduan.lapor.persistence.Watermarks;
import id.aduan.platform.LaporSimulator;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;

/**
 * channel-lapor on the in-JVM KRaft broker and MongoDB-protocol server, polling the LAPOR!
 * simulator of the local platform (pages of two, every page repeating the last report of the one
 * before, so duplicates are always present). One application context for every scenario.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaporChannelStreamTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final LaporSimulator lapor = simulator();

  @RegisterExtension
  static final AduanService app =
      AduanService.of(LaporChannelApplication::builder, "lapor-stream")
          .property("aduan.lapor.base-url", lapor::baseUrl)
          .property("aduan.lapor.token", "sim-token")
          .property("aduan.lapor.poll-interval", "300ms")
          .property("aduan.lapor.poll-initial-delay", "0s")
          .property("aduan.lapor.request-timeout", "1s")
          .property("aduan.lapor.retry.backoff", "50ms")
          .property("aduan.lapor.retry.open-for", "1s")
          .property("aduan.lapor.category-divisions.BTN.101", "linjamsos")
          .property("aduan.lapor.formats.LAPOR-PSR", "xml")
          // A status added by configuration alone, beside the table in channel-lapor.yaml.
          .property("aduan.lapor.status-map.inbound.ditinjau_ulang", "VERIFIED")
          .property("aduan.lapor.attachments.max-size", "1KB")
          .property("aduan.lapor.attachments.retry-interval", "300ms")
          .property("aduan.outbound.retry.first-backoff", "200ms")
          .property("aduan.outbound.retry.max-backoff", "400ms")
          .property("aduan.outbound.retry.poll-interval", "100ms")
          .thenClose(lapor);

  private static LaporSimulator simulator() {
    try {
      LaporSimulator simulator = new LaporSimulator("127.0.0.1", 0, "sim-token", Clock.systemUTC());
      simulator.pageSize(2);
      simulator.repeatAcrossPages(true);
      return simulator;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // --- intake ----------------------------------------------------------------------------------

  @Test
  void givenFiveReportsOverPagesThatRepeat_thenEachIsPublishedOnce_archived_andTheWatermarkMoves() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(lapor.addReport("LAPOR-BTN", named("Laporan berhalaman " + i)));
    }

    await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> !complaintsFor(id).isEmpty()));

    for (String id : ids) {
      assertThat(complaintsFor(id))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.channel()).isEqualTo(Channel.LAPOR);
                assertThat(c.agencyCode()).isEqualTo("BTN");
                assertThat(c.providerMessageId()).isEqualTo(id);
                assertThat(c.metadata()).containsEntry("division", "linjamsos");
              });
    }
    assertThat(app.bean(RawResponses.class).of("LAPOR-BTN"))
        .anySatisfy(r -> assertThat(r.body()).contains(ids.getLast()));
    assertThat(app.bean(Watermarks.class).of("LAPOR-BTN").value()).isAfter(Watermark.START.value());
  }

  @Test
  void givenAStatusChangeInLapor_thenOneUpdateThatPointsBackToTheReport() {
    String id = lapor.addReport("LAPOR-BTN", named("Laporan yang berubah status"));
    await().atMost(PATIENCE).until(() -> !complaintsFor(id).isEmpty());

    lapor.changeStatus(id, "tunda");

    await().atMost(PATIENCE).until(() -> complaintsFor(id).size() >= 2);
    assertThat(complaintsFor(id))
        .filteredOn(c -> c.messageType().equals("lapor-update"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.providerMessageId()).isEqualTo(id + "/v2");
              assertThat(c.inReplyTo()).isEqualTo(id);
              assertThat(c.metadata()).containsEntry("status", "POSTPONED");
            });
  }

  /**
   * Issue 19: LAPOR!'s listing stops showing a report dispositioned to another agency; the adapter
   * reads its open reports again one by one and passes the change on, once.
   */
  @Test
  void givenAReportDispositionedToAnotherAgency_thenOneUpdateSaysItWentAway() {
    String id = lapor.addReport("LAPOR-BTN", named("Laporan yang dipindahkan"));
    await().atMost(PATIENCE).until(() -> !complaintsFor(id).isEmpty());

    lapor.disposition(id, "Admin Nasional", "LAPOR-KEMENSOS");

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                complaintsFor(id).stream().anyMatch(c -> c.metadata().containsKey("laporChange")));
    assertThat(complaintsFor(id))
        .filteredOn(c -> c.messageType().equals("lapor-update"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.agencyCode()).isEqualTo("BTN");
              assertThat(c.inReplyTo()).isEqualTo(id);
              assertThat(c.metadata())
                  .containsEntry("laporChange", "disposition_away")
                  .containsEntry("change", "status")
                  .containsEntry("laporDispositionTo", "LAPOR-KEMENSOS")
                  .containsEntry("laporDispositionFrom", "Admin Nasional");
            });
    assertThat(lapor.calls()).contains("GET /api/v1/reports/" + id);
  }

  @Test
  void givenAnAnonymousConfidentialReport_thenTheComplaintOnKafkaCarriesNoIdentity() {
    String file = "ktp-" + UUID.randomUUID();
    String url = lapor.addFile(file, "image/jpeg", "KTP".getBytes(StandardCharsets.UTF_8));
    String id =
        lapor.addReport(
            "LAPOR-LBK",
            """
            {"title":"Pungutan bantuan","content":"Ada pungutan saat pembagian bantuan.",
             "anonymous":true,"confidential":true,
             "reporter":{"id":"u-secret-9","name":"Dewi Lestari","phone":"6281311112222","email":"dewi@contoh.test"},
             "attachments":[{"id":"%s","file_name":"ktp_dewi_lestari.jpg","mime_type":"image/jpeg","size":3,"url":"%s"}]}
            """
                .formatted(file, url));

    await()
        .atMost(PATIENCE)
        .until(() -> !recordsContaining(Topics.COMPLAINTS_INBOUND, id).isEmpty());

    ConsumerRecord<String, byte[]> record =
        recordsContaining(Topics.COMPLAINTS_INBOUND, id).getFirst();
    assertThat(text(record))
        .doesNotContain(
            "u-secret-9", "Dewi Lestari", "6281311112222", "dewi@contoh.test", "ktp_dewi");
    assertThat(record.key()).doesNotContain("u-secret-9");
    ComplaintReceived complaint =
        app.bean(CloudEvents.class).read(record.value(), ComplaintReceived.class);
    assertThat(complaint.sender().anonymous()).isTrue();
    assertThat(complaint.sender().confidential()).isTrue();
    assertThat(complaint.agencyCode()).isEqualTo("LBK");
    assertThat(complaint.attachments())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo("STORED");
              assertThat(a.fileName()).isNull();
            });
    // The raw LAPOR! answer is kept for disputes, encrypted in the store and clear when read back.
    assertThat(app.bean(RawResponses.class).of("LAPOR-LBK"))
        .anySatisfy(r -> assertThat(r.body()).contains("6281311112222"));
    assertThat(
            app.bean(MongoTemplate.class)
                .getCollection("lapor_raw_responses")
                .find()
                .map(org.bson.Document::toJson)
                .into(new java.util.ArrayList<>()))
        .isNotEmpty()
        .noneMatch(json -> json.contains("6281311112222") || json.contains("Dewi Lestari"));
  }

  @Test
  void
      givenAttachments_thenStoredInGridFsWithTheirHash_tooLargeNotStored_andAFailedOneRetriedLater()
          throws Exception {
    String run = UUID.randomUUID().toString();
    byte[] photo = "FOTO-JALAN-RUSAK".getBytes(StandardCharsets.UTF_8);
    byte[] scan = "PINDAIAN-KK".getBytes(StandardCharsets.UTF_8);
    String ok = lapor.addFile("ok-" + run, "image/jpeg", photo);
    String flaky = lapor.addFile("flaky-" + run, "image/png", scan);
    lapor.failFile("flaky-" + run, 1);
    String big = lapor.addFile("big-" + run, "video/mp4", new byte[4096]);
    String id =
        lapor.addReport(
            "LAPOR-BTN",
            """
            {"title":"Berlampiran","content":"Lihat lampiran","anonymous":false,"confidential":false,
             "reporter":{"id":"u-1","name":"Warga"},
             "attachments":[
              {"id":"ok-%1$s","file_name":"jalan.jpg","mime_type":"image/jpeg","size":16,"url":"%2$s"},
              {"id":"flaky-%1$s","file_name":"kk.png","mime_type":"image/png","size":11,"url":"%3$s"},
              {"id":"big-%1$s","file_name":"video.mp4","mime_type":"video/mp4","size":0,"url":"%4$s"},
              {"id":"declared-%1$s","file_name":"besar.pdf","mime_type":"application/pdf","size":99999999,"url":"%4$s"}]}
            """
                .formatted(run, ok, flaky, big));

    await().atMost(PATIENCE).until(() -> !complaintsFor(id).isEmpty());

    List<ComplaintReceived.Attachment> attachments = complaintsFor(id).getFirst().attachments();
    assertThat(attachments)
        .extracting(ComplaintReceived.Attachment::status)
        .containsExactly("STORED", "FAILED", "TOO_LARGE", "TOO_LARGE");
    ComplaintReceived.Attachment stored = attachments.getFirst();
    assertThat(stored.sha256()).isEqualTo(sha256(photo));
    assertThat(stored.sizeBytes()).isEqualTo(photo.length);
    assertThat(stored.fileName()).isEqualTo("jalan.jpg");
    assertThat(app.bean(LaporAttachments.class).bytes(stored.storageRef())).isEqualTo(photo);
    assertThat(attachments.get(1).storageRef()).isNull();

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                complaintsFor(id).stream()
                    .anyMatch(c -> c.messageType().equals("lapor-attachment")));
    assertThat(complaintsFor(id))
        .filteredOn(c -> c.messageType().equals("lapor-attachment"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.providerMessageId()).isEqualTo(id + "/attachment/flaky-" + run);
              assertThat(c.inReplyTo()).isEqualTo(id);
              assertThat(c.sender().channelUserId()).isEqualTo("u-1");
              assertThat(c.attachments())
                  .singleElement()
                  .satisfies(
                      a -> {
                        assertThat(a.status()).isEqualTo("STORED");
                        assertThat(a.sha256()).isEqualTo(sha256(scan));
                        assertThat(app.bean(LaporAttachments.class).bytes(a.storageRef()))
                            .isEqualTo(scan);
                      });
            });
  }

  @Test
  void givenAnAgencyWhoseLaporSpeaksXml_thenItsReportsArriveAndTheXmlIsArchived() {
    String id = lapor.addReport("LAPOR-PSR", named("Laporan dalam XML & <lainnya>"));

    await().atMost(PATIENCE).until(() -> !complaintsFor(id).isEmpty());

    assertThat(complaintsFor(id))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.agencyCode()).isEqualTo("PSR");
              assertThat(c.subject()).isEqualTo("Laporan dalam XML & <lainnya>");
            });
    assertThat(app.bean(RawResponses.class).of("LAPOR-PSR"))
        .anySatisfy(r -> assertThat(r.body()).startsWith("<?xml").contains(id));
  }

  @Test
  void givenBrokenDocuments_thenArchived_counted_deadLetteredOncePerAgency_andPollingGoesOn() {
    String marker = "BROKEN-" + UUID.randomUUID();
    double before = unreadableResponses();
    // Eight broken listings: every one of the four LAPOR! agencies gets the same one twice.
    lapor.answerNextListings(
        8,
        "application/xml",
        "<response api_version=\"1\"><data><report><tracking_id>" + marker + "</tracking_id>");

    await().atMost(PATIENCE).until(() -> unreadableResponses() >= before + 8);
    String after = lapor.addReport("LAPOR-BTN", named("Setelah dokumen rusak"));
    await().atMost(PATIENCE).until(() -> !complaintsFor(after).isEmpty());

    assertThat(deadLettersAbout(marker))
        .hasSize(4)
        .allSatisfy(
            d -> {
              assertThat(d.reason()).isEqualTo("UNREADABLE_RESPONSE");
              assertThat(d.detail()).startsWith("the XML answer is not well-formed");
            });
    assertThat(app.bean(RawResponses.class).of("LAPOR-BTN"))
        .anySatisfy(
            r -> {
              assertThat(r.kind()).isEqualTo("unreadable");
              assertThat(r.body()).contains(marker);
            });
  }

  @Test
  void givenAStatusTheTableDoesNotKnow_thenDeadLetteredWithTheReason() {
    String id =
        lapor.addReport(
            "LAPOR-PSR",
            "{\"title\":\"Status aneh\",\"content\":\"Isi\",\"status\":\"dibekukan\"}");

    await().atMost(PATIENCE).until(() -> !deadLettersAbout(id).isEmpty());

    assertThat(deadLettersAbout(id))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo("UNKNOWN_STATUS");
              assertThat(d.channel()).isEqualTo(Channel.LAPOR);
            });
    assertThat(complaintsFor(id)).isEmpty();
  }

  @Test
  void givenABrokenReportAndAnEmptyOne_thenEachDeadLetteredOnceWithItsReason_andTheRestArrives() {
    String broken =
        lapor.addReport(
            "LAPOR-BABEL",
            "{\"title\":\"Bendera rusak\",\"content\":\"Isi\",\"anonymous\":\"ya\"}");
    String empty = lapor.addReport("LAPOR-BABEL", "{\"title\":\"\",\"content\":\" \"}");
    String good = lapor.addReport("LAPOR-BABEL", named("Sehalaman dengan yang rusak"));
    double unreadableBefore = inbound("BABEL", "unreadable");

    await().atMost(PATIENCE).until(() -> !complaintsFor(good).isEmpty());
    // Polled again within the overlap, the broken report is read (and counted) again ...
    await().atMost(PATIENCE).until(() -> inbound("BABEL", "unreadable") >= unreadableBefore + 3);

    // ... but dead-lettered once, as is the empty one.
    assertThat(deadLettersAbout(broken))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo("UNREADABLE_REPORT");
              assertThat(d.detail()).isEqualTo("'anonymous' is not true or false");
            });
    assertThat(deadLettersAbout(empty))
        .singleElement()
        .satisfies(d -> assertThat(d.reason()).isEqualTo("EMPTY_REPORT"));
    assertThat(complaintsFor(broken)).isEmpty();
    assertThat(complaintsFor(empty)).isEmpty();
  }

  @Test
  void givenAStatusAddedToTheTableByConfiguration_thenItIsMapped_andTheBuiltInOnesStillAre() {
    String id =
        lapor.addReport(
            "LAPOR-BTN",
            "{\"title\":\"Ditinjau\",\"content\":\"Isi\",\"status\":\"ditinjau_ulang\"}");

    await().atMost(PATIENCE).until(() -> !complaintsFor(id).isEmpty());
    lapor.changeStatus(id, "arsip");
    await().atMost(PATIENCE).until(() -> complaintsFor(id).size() >= 2);

    assertThat(complaintsFor(id))
        .extracting(c -> c.metadata().get("status"))
        .containsExactly("VERIFIED", "ARCHIVED");
  }

  @Test
  void givenLaporFailsTwice_thenTheClientRetriesAndTheReportArrives() {
    double before = retriedSuccessfully();
    lapor.failNext(2, 503);
    String id = lapor.addReport("LAPOR-BTN", named("Setelah gangguan"));

    await().atMost(PATIENCE).until(() -> !complaintsFor(id).isEmpty());

    assertThat(retriedSuccessfully()).isGreaterThan(before);
    assertThat(complaintsFor(id)).hasSize(1);
  }

  @Test
  void givenLaporIsSlowerThanTheTimeout_thenPollsFail_andTheReportArrivesOnceItRecovers() {
    double failedBefore = failedPolls();
    lapor.delay(1_500);
    String id;
    try {
      await().atMost(PATIENCE).until(() -> failedPolls() > failedBefore);
      id = lapor.addReport("LAPOR-BTN", named("Saat LAPOR! lambat"));
    } finally {
      lapor.delay(0);
    }

    await().atMost(PATIENCE).until(() -> !complaintsFor(id).isEmpty());
    assertThat(complaintsFor(id)).hasSize(1);
  }

  @Test
  void theCategoryTreeIsSynchronised() {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(app.bean(LaporTopics.class).all())
                    .extracting(LaporTopics.TopicDocument::id)
                    .contains("100", "101", "102", "103", "200"));
  }

  // --- reportToLapor ---------------------------------------------------------------------------

  @Test
  void givenARejectionDeliveredTwice_thenOneFollowUpOneReturnAsNotOurAuthority_andOneReceipt() {
    String id = lapor.addReport("LAPOR-BTN", named("Bukan wewenang kami"));
    await().atMost(PATIENCE).until(() -> !complaintsFor(id).isEmpty());
    double echoes = ownChanges();
    OutboundMessage rejection =
        outbound(
            id,
            "REJECTION",
            "Pengaduan ini bukan kewenangan Dinas Sosial Kab. Buton.",
            "NOT_AUTHORITY");
    String marker = lapor.addReport("LAPOR-BTN", named("penanda"));
    OutboundMessage after = outbound(marker, "ANSWER", "Jawaban penanda");

    publishOutbound(rejection);
    publishOutbound(rejection);
    publishOutbound(after);

    await().atMost(PATIENCE).until(() -> lapor.report(marker).get("follow_ups").size() == 1);
    JsonNode report = lapor.report(id);
    assertThat(report.get("follow_ups")).hasSize(1);
    assertThat(report.get("follow_ups").get(0).get("text").asString()).isEqualTo(rejection.text());
    assertThat(report.get("follow_ups").get(0).get("idempotency_key").asString())
        .isEqualTo(rejection.eventId() + "/follow-up");
    assertThat(report.get("status").asString()).isEqualTo("bukan_wewenang");
    assertThat(report.get("status_history")).hasSize(1);
    assertThat(receiptsFor(rejection.eventId()))
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(DeliveryReceipt.Status.SENT));
    // Our own follow-up and status change raised the version; polled again, they are not taken
    // for the reporter's, so no new complaint (and no answer to our own answer).
    await().atMost(PATIENCE).until(() -> ownChanges() > echoes);
    assertThat(complaintsFor(id)).hasSize(1);
  }

  /**
   * Issue 19: reopening and closing reach the report, as the status table in channel-lapor.yaml
   * says: the reopened case's follow-up puts the report back in {@code proses}, the closing one
   * archives it ({@code arsip}), in that order, each once.
   */
  @Test
  void givenAReopeningThenAClosing_thenEachIsAFollowUpWithTheStatusTheTableGives() {
    String id = lapor.addReport("LAPOR-BTN", named("Dibuka kembali lalu ditutup"));
    await().atMost(PATIENCE).until(() -> !complaintsFor(id).isEmpty());
    OutboundMessage reopened =
        outbound(id, "REOPENED", "Pengaduan BTN-2026-000001 dibuka kembali: belum cair juga");
    OutboundMessage closing =
        outbound(id, "CLOSING", "Pengaduan BTN-2026-000001 telah ditutup dan diarsipkan.");

    publishOutbound(reopened);
    publishOutbound(reopened);
    publishOutbound(closing);

    // path(): the simulator adds the history with the first status change.
    await().atMost(PATIENCE).until(() -> lapor.report(id).path("status_history").size() == 2);
    JsonNode report = lapor.report(id);
    assertThat(report.get("follow_ups")).hasSize(2);
    assertThat(report.get("follow_ups").get(0).get("text").asString()).isEqualTo(reopened.text());
    assertThat(report.get("follow_ups").get(1).get("text").asString()).isEqualTo(closing.text());
    assertThat(report.get("status_history").get(0).get("status").asString()).isEqualTo("proses");
    assertThat(report.get("status_history").get(1).get("status").asString()).isEqualTo("arsip");
    assertThat(report.get("status").asString()).isEqualTo("arsip");
  }

  @Test
  void givenTheReporterAddsAFollowUpInLapor_thenAnUpdateCarriesItsText() {
    String id = lapor.addReport("LAPOR-BTN", named("Ditambah pelapor"));
    await().atMost(PATIENCE).until(() -> !complaintsFor(id).isEmpty());

    lapor.addReporterFollowUp(id, "Berikut nomor KK saya untuk melengkapi.");

    await().atMost(PATIENCE).until(() -> complaintsFor(id).size() >= 2);
    assertThat(complaintsFor(id))
        .filteredOn(c -> c.messageType().equals("lapor-update"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.text()).isEqualTo("Berikut nomor KK saya untuk melengkapi.");
              assertThat(c.metadata()).containsEntry("change", "follow_up");
            });
  }

  @Test
  void givenAnAnswerAddressedToTheReporterAsTheCaseServiceDoes_thenTheReportItRepliesToGetsIt() {
    String id = lapor.addReport("LAPOR-BTN", named("Dijawab lewat pelapor"));
    await().atMost(PATIENCE).until(() -> !complaintsFor(id).isEmpty());
    OutboundMessage ack =
        new OutboundMessage(
            UUID.randomUUID().toString(),
            Instant.now(),
            "BTN",
            "c-lapor",
            "BTN-2026-000002",
            new ReplyAddress(Channel.LAPOR, "LAPOR-BTN", "u-1"),
            "ACKNOWLEDGEMENT",
            "id",
            null,
            "Terima kasih, nomor tiket BTN-2026-000002.",
            null,
            id,
            List.of(),
            List.of(),
            true,
            null,
            null);

    publishOutbound(ack);

    await().atMost(PATIENCE).until(() -> !receiptsFor(ack.eventId()).isEmpty());
    assertThat(lapor.report(id).get("follow_ups"))
        .singleElement()
        .satisfies(f -> assertThat(f.get("text").asString()).isEqualTo(ack.text()));
  }

  @Test
  void givenLaporAnswers500Once_thenTheFollowUpIsPostedOnce() {
    String id = lapor.addReport("LAPOR-BTN", named("Dijawab setelah gagal"));
    OutboundMessage answer = outbound(id, "ANSWER", "Bantuan sudah disalurkan bulan ini.");
    lapor.failNext(1, 500);

    publishOutbound(answer);

    await().atMost(PATIENCE).until(() -> !receiptsFor(answer.eventId()).isEmpty());
    assertThat(lapor.report(id).get("follow_ups")).hasSize(1);
  }

  /**
   * ADR 0041: LAPOR! down for longer than the client's retries and the binding's budget together
   * (60 failed calls; the binding alone would have dead-lettered after 4 attempts): the message is
   * kept and tried again later, the follow-up is posted once after recovery, nothing is
   * dead-lettered.
   */
  @Test
  void givenLaporDownLongerThanTheRetryBudget_thenTheFollowUpIsKeptAndPostedOnceAfterRecovery() {
    String id = lapor.addReport("LAPOR-BTN", named("Dijawab setelah gangguan"));
    OutboundMessage answer =
        outbound(id, "ANSWER", "Jawaban setelah gangguan " + UUID.randomUUID());
    double deferredBefore = deferred();
    lapor.failNext(60, 503);

    publishOutbound(answer);

    await().atMost(PATIENCE).until(() -> deferred() > deferredBefore);
    await().atMost(Duration.ofSeconds(90)).until(() -> !receiptsFor(answer.eventId()).isEmpty());
    assertThat(receiptsFor(answer.eventId()))
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(DeliveryReceipt.Status.SENT));
    assertThat(lapor.report(id).get("follow_ups")).hasSize(1);
    assertThat(recordsContaining(Topics.dlq(Topics.OUTBOUND_LAPOR), answer.text())).isEmpty();
  }

  private double deferred() {
    io.micrometer.core.instrument.Counter counter =
        app.bean(io.micrometer.core.instrument.MeterRegistry.class)
            .find("aduan.outbound.deferred")
            .tags("channel", "lapor", "reason", "provider_unavailable")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void givenAnOutboundMessageForAnotherChannel_thenDeadLetteredAndNothingPosted() {
    OutboundMessage stray =
        new OutboundMessage(
            UUID.randomUUID().toString(),
            Instant.now(),
            "BTN",
            null,
            null,
            new ReplyAddress(Channel.WHATSAPP, "100000000000003", "6281234567890"),
            "ANSWER",
            "id",
            null,
            "salah kanal " + UUID.randomUUID(),
            null,
            null,
            List.of(),
            List.of(),
            false,
            null,
            null);

    publishOutbound(stray);

    await()
        .atMost(PATIENCE)
        .until(() -> !recordsContaining(Topics.dlq(Topics.OUTBOUND_LAPOR), stray.text()).isEmpty());
    assertThat(recordsContaining(Topics.dlq(Topics.OUTBOUND_LAPOR), stray.text()))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("NOT_LAPOR"));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static String named(String title) {
    return """
        {"title":"%s","content":"Isi laporan %s","classification":"pengaduan",
         "category":{"id":"101","name":"Bantuan Sosial"},"anonymous":false,"confidential":false,
         "reporter":{"id":"u-1","name":"Warga"}}
        """
        .formatted(title, title);
  }

  private OutboundMessage outbound(String trackingId, String purpose, String text) {
    return outbound(trackingId, purpose, text, null);
  }

  private OutboundMessage outbound(
      String trackingId, String purpose, String text, String reasonCode) {
    return new OutboundMessage(
        UUID.randomUUID().toString(),
        Instant.now(),
        "BTN",
        "c-lapor",
        "BTN-2026-000001",
        new ReplyAddress(Channel.LAPOR, "LAPOR-BTN", trackingId),
        purpose,
        "id",
        null,
        text,
        null,
        null,
        List.of(),
        List.of(),
        false,
        null,
        reasonCode);
  }

  private void publishOutbound(OutboundMessage outbound) {
    Message<byte[]> message =
        app.bean(CloudEvents.class)
            .toMessage(outbound, outbound.to().recipientId(), outbound.ticket());
    app.writer()
        .send(
            Topics.OUTBOUND_LAPOR,
            0,
            outbound.to().recipientId(),
            message.getPayload(),
            message.getHeaders());
  }

  private List<ComplaintReceived> complaintsFor(String trackingId) {
    return recordsContaining(Topics.COMPLAINTS_INBOUND, trackingId).stream()
        .map(r -> app.bean(CloudEvents.class).read(r.value(), ComplaintReceived.class))
        .filter(c -> trackingId.equals(c.metadata().get("laporTrackingId")))
        .toList();
  }

  private List<DeadLetter> deadLettersAbout(String trackingId) {
    try (TopicProbe probe = new TopicProbe(app.brokers(), Topics.dlq(Topics.COMPLAINTS_INBOUND))) {
      return probe.readToEnd(PATIENCE).stream()
          .filter(r -> header(r, CloudEventHeaders.TYPE).equals("id.aduan.dead-letter.v1"))
          .map(r -> app.bean(CloudEvents.class).read(r.value(), DeadLetter.class))
          .filter(
              d ->
                  new String(Base64.getDecoder().decode(d.payloadBase64()), StandardCharsets.UTF_8)
                      .contains(trackingId))
          .toList();
    }
  }

  private List<DeliveryReceipt> receiptsFor(String outboundEventId) {
    try (TopicProbe receipts = new TopicProbe(app.brokers(), Topics.DELIVERY_RECEIPTS)) {
      return receipts.readToEnd(PATIENCE).stream()
          .map(r -> app.bean(CloudEvents.class).read(r.value(), DeliveryReceipt.class))
          .filter(r -> outboundEventId.equals(r.outboundEventId()))
          .toList();
    }
  }

  private List<ConsumerRecord<String, byte[]>> recordsContaining(String topic, String text) {
    try (TopicProbe probe = new TopicProbe(app.brokers(), topic)) {
      return probe.readToEnd(PATIENCE).stream().filter(r -> text(r).contains(text)).toList();
    }
  }

  private double retriedSuccessfully() {
    var counter =
        app.bean(MeterRegistry.class)
            .find("resilience4j.retry.calls")
            .tag("kind", "successful_with_retry")
            .functionCounter();
    return counter == null ? 0 : counter.count();
  }

  private double ownChanges() {
    var counter =
        app.bean(MeterRegistry.class)
            .find("aduan.inbound.messages")
            .tags("agency", "BTN", "outcome", "own_change")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double inbound(String agency, String outcome) {
    var counter =
        app.bean(MeterRegistry.class)
            .find("aduan.inbound.messages")
            .tags("agency", agency, "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double unreadableResponses() {
    return app
        .bean(MeterRegistry.class)
        .find("aduan.lapor.unreadable.responses")
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private double failedPolls() {
    return app
        .bean(MeterRegistry.class)
        .find("aduan.lapor.polls")
        .tag("outcome", "failed")
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static String text(ConsumerRecord<String, byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
