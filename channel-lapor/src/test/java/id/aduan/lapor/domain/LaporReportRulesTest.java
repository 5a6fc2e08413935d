package id.aduan.lapor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The LAPOR! rules of the domain: normalization, the status table, the watermark, replies. */
class LaporReportRulesTest {

  private static final Instant CREATED = Instant.parse("2026-03-02T01:00:00Z");
  private static final Instant UPDATED = Instant.parse("2026-03-05T03:00:00Z");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-05T04:00:00Z"), ZoneOffset.UTC);
  private static final StatusTable STATUSES =
      new StatusTable(
          Map.of("disposisi", "ROUTED", "bukan_wewenang", "NOT_AUTHORITY", "Tunda", "POSTPONED"),
          Map.of(
              "REJECTION/NOT_AUTHORITY",
              "bukan_wewenang",
              "rejection/not_a_complaint",
              "arsip",
              "resolution",
              "selesai"));
  private final ReportNormalizer normalizer =
      new ReportNormalizer(STATUSES, Map.of("BTN", Map.of("101", "linjamsos")), CLOCK);

  @Test
  void givenAnAnonymousReport_thenNothingOfTheReporterLeavesTheAdapter() {
    LaporReport report = report("LAPOR-T-1", 1, "disposisi", true, false);

    ComplaintReceived complaint = publish(normalizer.normalize("BTN", "LAPOR-BTN", report, null));

    assertThat(complaint.sender().anonymous()).isTrue();
    assertThat(complaint.sender().displayName()).isNull();
    assertThat(complaint.sender().channelUserId()).startsWith("anon-");
    // Every string the record carries, metadata included, is free of the reporter's identity.
    assertThat(complaint.toString())
        .doesNotContain("u-77", "Siti Rahma", "6281299990000", "siti@contoh.test");
    // Stable per report, so that a later version threads with the first.
    ComplaintReceived again =
        publish(
            normalizer.normalize(
                "BTN",
                "LAPOR-BTN",
                report("LAPOR-T-1", 2, "tunda", true, false),
                new KnownReport("disposisi", 0)));
    assertThat(again.sender().channelUserId()).isEqualTo(complaint.sender().channelUserId());
  }

  @Test
  void givenANamedReport_thenTheReporterIsTheSender_andConfidentialIsFlagged() {
    ComplaintReceived complaint =
        publish(
            normalizer.normalize(
                "BTN", "LAPOR-BTN", report("LAPOR-T-2", 1, "disposisi", false, true), null));

    assertThat(complaint.sender().channelUserId()).isEqualTo("u-77");
    assertThat(complaint.sender().displayName()).isEqualTo("Siti Rahma");
    assertThat(complaint.sender().confidential()).isTrue();
    assertThat(complaint.metadata()).containsEntry("confidential", "true");
    // The phone number and email stay in the adapter: answers go back through LAPOR!.
    assertThat(complaint.toString()).doesNotContain("6281299990000", "siti@contoh.test");
  }

  @Test
  void givenTheFirstVersionSeen_thenTheTrackingIdIsTheProviderId_andCategoryMapsToADivision() {
    ComplaintReceived complaint =
        publish(
            normalizer.normalize(
                "BTN", "LAPOR-BTN", report("LAPOR-T-3", 4, "disposisi", false, false), null));

    assertThat(complaint.channel()).isEqualTo(Channel.LAPOR);
    assertThat(complaint.channelAccountId()).isEqualTo("LAPOR-BTN");
    assertThat(complaint.providerMessageId()).isEqualTo("LAPOR-T-3");
    assertThat(complaint.inReplyTo()).isNull();
    assertThat(complaint.receivedAt()).isEqualTo(CREATED);
    assertThat(complaint.references()).containsExactly("LAPOR-T-3");
    assertThat(complaint.metadata())
        .containsEntry("laporTrackingId", "LAPOR-T-3")
        .containsEntry("status", "ROUTED")
        .containsEntry("division", "linjamsos")
        .containsEntry("laporCategoryId", "101");
  }

  @Test
  void givenALaterVersion_thenItIsAnUpdateThatPointsBackToTheReport() {
    ComplaintReceived update =
        publish(
            normalizer.normalize(
                "BTN",
                "LAPOR-BTN",
                report("LAPOR-T-4", 3, "tunda", false, false),
                new KnownReport("disposisi", 0)));

    assertThat(update.providerMessageId()).isEqualTo("LAPOR-T-4/v3");
    assertThat(update.inReplyTo()).isEqualTo("LAPOR-T-4");
    assertThat(update.messageType()).isEqualTo("lapor-update");
    assertThat(update.receivedAt()).isEqualTo(UPDATED);
    assertThat(update.metadata()).containsEntry("status", "POSTPONED");
  }

  @Test
  void givenAStatusTheTableDoesNotKnow_thenTheReportIsRejectedWithTheReason() {
    ReportNormalizer.Outcome outcome =
        normalizer.normalize(
            "BTN", "LAPOR-BTN", report("LAPOR-T-5", 1, "dibekukan", false, false), null);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ReportNormalizer.Reject.class, r -> assertThat(r.reason()).isEqualTo("UNKNOWN_STATUS"));
  }

  @ParameterizedTest
  @CsvSource({
    "2026-03-05T03:00:00Z, PT10M, 2026-03-05T02:50:00Z",
    "1970-01-01T00:00:00Z, PT10M, 1970-01-01T00:00:00Z",
  })
  void theWatermarkPollsFromAnOverlapBeforeItself(String value, String overlap, String from) {
    assertThat(new Watermark(Instant.parse(value)).pollFrom(Duration.parse(overlap)))
        .isEqualTo(Instant.parse(from));
  }

  @Test
  void theWatermarkNeverMovesBack() {
    Watermark w = new Watermark(UPDATED);

    assertThat(w.advancedTo(CREATED)).isEqualTo(w);
    assertThat(w.advancedTo(UPDATED.plusSeconds(1)).value()).isEqualTo(UPDATED.plusSeconds(1));
  }

  @Test
  void givenARejection_thenAFollowUpAndTheReturnAsNotOurAuthority_eachWithItsOwnKey() {
    ReplyPlan plan =
        ReplyPlan.of(
            outbound("REJECTION", "Bukan kewenangan Dinas Sosial.", "NOT_AUTHORITY"),
            "LAPOR-T-9",
            STATUSES);

    assertThat(plan.trackingId()).isEqualTo("LAPOR-T-9");
    assertThat(plan.steps())
        .containsExactly(
            new ReplyPlan.FollowUp("ev-1/follow-up", "Bukan kewenangan Dinas Sosial."),
            new ReplyPlan.StatusChange(
                "ev-1/status", "bukan_wewenang", "Bukan kewenangan Dinas Sosial."));
  }

  /** Issue 19: every rejection went back as bukan_wewenang, whatever its reason. */
  @Test
  void givenARejectionForAnotherReason_thenTheTableDecides_andNeverReturnsItAsNotOurAuthority() {
    assertThat(
            ReplyPlan.of(
                    outbound("REJECTION", "Bukan pengaduan.", "NOT_A_COMPLAINT"),
                    "LAPOR-T-9",
                    STATUSES)
                .steps())
        .containsExactly(
            new ReplyPlan.FollowUp("ev-1/follow-up", "Bukan pengaduan."),
            new ReplyPlan.StatusChange("ev-1/status", "arsip", "Bukan pengaduan."));
    // A reason the table does not name: the purpose's own entry (none here), so an answer only.
    assertThat(
            ReplyPlan.of(outbound("REJECTION", "Lainnya.", "OTHER"), "LAPOR-T-9", STATUSES).steps())
        .containsExactly(new ReplyPlan.FollowUp("ev-1/follow-up", "Lainnya."));
    assertThat(STATUSES.outbound("REJECTION", null)).isEmpty();
  }

  @Test
  void aReasonEntryWinsOverThePurposeEntry_andABlankOneSetsNoStatus() {
    StatusTable table =
        new StatusTable(
            Map.of(),
            Map.of(
                "REJECTION",
                "selesai",
                "REJECTION/NOT_AUTHORITY",
                "bukan_wewenang",
                "REJECTION/OTHER",
                ""));

    assertThat(table.outbound("rejection", "not_authority")).hasValue("bukan_wewenang");
    assertThat(table.outbound("REJECTION", "NO_RESPONSE")).hasValue("selesai");
    assertThat(table.outbound("REJECTION", "OTHER")).isEmpty();
  }

  /** Issue 19: the clock started at the report's creation, so an old report was late on arrival. */
  @Test
  void theComplaintIsReceivedWhenLaporDispositionedIt_notWhenTheReportWasCreated() {
    Instant created = Instant.parse("2026-01-05T02:00:00Z");
    Instant toProvince = Instant.parse("2026-02-10T03:00:00Z");
    Instant toAgency = Instant.parse("2026-03-04T07:30:00Z");
    LaporReport base = report("LAPOR-T-10", 3, "disposisi", false, false);
    LaporReport late =
        changed(
            base,
            base.version(),
            created,
            List.of(
                new LaporReport.Disposition("Admin Nasional", "Pemprov", toProvince, null),
                new LaporReport.Disposition(
                    "Pemprov", "Dinas Sosial", toAgency, "mohon ditindaklanjuti")),
            List.of());

    ComplaintReceived complaint = publish(normalizer.normalize("BTN", "LAPOR-BTN", late, null));

    assertThat(complaint.receivedAt()).isEqualTo(toAgency);
    assertThat(complaint.metadata())
        .containsEntry("laporDispositionedAt", toAgency.toString())
        .containsEntry("laporDispositionTo", "Dinas Sosial");
    // Without any disposition, creation is all LAPOR! says.
    LaporReport none = changed(base, 1, created, List.of(), List.of());
    assertThat(none.dispositionedAt()).isEqualTo(created);
  }

  /**
   * Issue 19: a report LAPOR! dispositioned to another agency (its newest disposition names another
   * agency id) is gone from the agency and published as such; a unit's name alone, the agency's own
   * id, or no disposition at all is not taken as gone.
   */
  @Test
  void givenANewestDispositionToAnotherAgencyId_thenDispositionedAway_andPublishedAsSuch() {
    LaporReport base = report("LAPOR-T-11", 4, "disposisi", false, false);
    Instant away = Instant.parse("2026-03-06T02:00:00Z");
    LaporReport.Disposition here =
        new LaporReport.Disposition("Admin Nasional", "Dinsos", CREATED, null, "LAPOR-BTN");
    LaporReport gone =
        changed(
            base,
            5,
            CREATED,
            List.of(
                here,
                new LaporReport.Disposition(
                    "Admin Nasional", "Pemkab Lebak", away, null, "LAPOR-LBK")),
            List.of());

    assertThat(gone.dispositionedAwayFrom("LAPOR-BTN")).isTrue();
    assertThat(gone.dispositionedAwayFrom("lapor-lbk")).isFalse();
    assertThat(
            changed(base, 5, CREATED, List.of(here), List.of()).dispositionedAwayFrom("LAPOR-BTN"))
        .isFalse();
    // Without an agency id LAPOR! may be naming a unit of the agency: not a reason to stop clocks.
    assertThat(base.dispositionedAwayFrom("LAPOR-BTN")).isFalse();
    assertThat(changed(base, 5, CREATED, List.of(), List.of()).dispositionedAwayFrom("LAPOR-BTN"))
        .isFalse();

    ComplaintReceived change = publish(normalizer.dispositionedAway("BTN", "LAPOR-BTN", gone));
    assertThat(change.messageType()).isEqualTo("lapor-update");
    assertThat(change.providerMessageId()).isEqualTo("LAPOR-T-11/v5");
    assertThat(change.inReplyTo()).isEqualTo("LAPOR-T-11");
    assertThat(change.text()).isNull();
    assertThat(change.metadata())
        .containsEntry("change", "status")
        .containsEntry("laporChange", ReportNormalizer.DISPOSITION_AWAY)
        .containsEntry("laporDispositionFrom", "Admin Nasional")
        .containsEntry("laporDispositionTo", "Pemkab Lebak");
  }

  @Test
  void givenAnAnswer_thenOnlyAFollowUp() {
    assertThat(
            ReplyPlan.of(outbound("ANSWER", "Bantuan sudah disalurkan."), "LAPOR-T-9", STATUSES)
                .steps())
        .containsExactly(new ReplyPlan.FollowUp("ev-1/follow-up", "Bantuan sudah disalurkan."));
  }

  @Test
  void givenANewVersionThatOnlyEchoesOurOwnFollowUp_thenNothingToPassOn() {
    LaporReport report = report("LAPOR-T-6", 5, "disposisi", false, false);

    assertThat(normalizer.normalize("BTN", "LAPOR-BTN", report, new KnownReport("disposisi", 0)))
        .isInstanceOf(ReportNormalizer.Unchanged.class);
  }

  @Test
  void givenTheReporterAddedAFollowUp_thenAnUpdateWithItsText() {
    LaporReport base = report("LAPOR-T-7", 2, "disposisi", false, false);
    LaporReport withFollowUp =
        changed(
            base,
            3,
            base.createdAt(),
            base.dispositions(),
            List.of(
                new LaporReport.FollowUp("FU-1", "agency", CREATED, "Sedang kami proses."),
                new LaporReport.FollowUp("FU-2", "reporter", UPDATED, "Ini foto KK saya.")));

    ComplaintReceived update =
        publish(
            normalizer.normalize(
                "BTN", "LAPOR-BTN", withFollowUp, new KnownReport("disposisi", 0)));

    assertThat(update.text()).isEqualTo("Ini foto KK saya.");
    assertThat(update.metadata()).containsEntry("change", "follow_up");
    assertThat(update.providerMessageId()).isEqualTo("LAPOR-T-7/v3");
  }

  @Test
  void theTrackingIdIsFoundInEitherFormOfOurProviderIds() {
    assertThat(ReplyPlan.trackingIdOf("LAPOR-2026-0001")).isEqualTo("LAPOR-2026-0001");
    assertThat(ReplyPlan.trackingIdOf("LAPOR-2026-0001/v12")).isEqualTo("LAPOR-2026-0001");
    assertThat(ReplyPlan.trackingIdOf("LAPOR-2026-0001/attachment/f-3"))
        .isEqualTo("LAPOR-2026-0001");
  }

  @Test
  void theStatusTableIgnoresCase() {
    assertThat(STATUSES.inbound("TUNDA")).hasValue("POSTPONED");
    assertThat(STATUSES.outbound("Resolution")).hasValue("selesai");
    assertThat(STATUSES.outbound("ANSWER")).isEmpty();
  }

  private static ComplaintReceived publish(ReportNormalizer.Outcome outcome) {
    assertThat(outcome).isInstanceOf(ReportNormalizer.Publish.class);
    return ((ReportNormalizer.Publish) outcome).complaint();
  }

  /** {@code base} at another version, with another creation time, dispositions and follow-ups. */
  private static LaporReport changed(
      LaporReport base,
      long version,
      Instant created,
      List<LaporReport.Disposition> dispositions,
      List<LaporReport.FollowUp> followUps) {
    return new LaporReport(
        base.trackingId(),
        base.transactionId(),
        version,
        base.title(),
        base.content(),
        base.classification(),
        base.category(),
        base.tags(),
        base.status(),
        created,
        UPDATED,
        false,
        false,
        base.reporter(),
        base.location(),
        base.attachments(),
        dispositions,
        followUps);
  }

  static LaporReport report(
      String trackingId, long version, String status, boolean anonymous, boolean confidential) {
    return new LaporReport(
        trackingId,
        "TRX-1",
        version,
        "Bantuan PKH belum cair",
        "Sudah tiga bulan bantuan belum diterima.",
        "pengaduan",
        new LaporReport.Category("101", "Bantuan Sosial"),
        List.of("pkh"),
        status,
        CREATED,
        UPDATED,
        anonymous,
        confidential,
        new LaporReport.Reporter("u-77", "Siti Rahma", "6281299990000", "siti@contoh.test"),
        new LaporReport.Location(-5.46, 122.61, "Pasarwajo"),
        List.of(),
        List.of(new LaporReport.Disposition("Admin Nasional", "Dinas Sosial", CREATED, null)),
        List.of());
  }

  private static OutboundMessage outbound(String purpose, String text) {
    return outbound(purpose, text, null);
  }

  private static OutboundMessage outbound(
      String purpose, String text, @Nullable String reasonCode) {
    return new OutboundMessage(
        "ev-1",
        CLOCK.instant(),
        "BTN",
        "c-1",
        "BTN-2026-000001",
        new ReplyAddress(Channel.LAPOR, "LAPOR-BTN", "LAPOR-T-9"),
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
}
