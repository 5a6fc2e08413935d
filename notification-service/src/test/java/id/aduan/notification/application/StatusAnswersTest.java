package id.aduan.notification.application;

import static id.aduan.notification.application.FastService.citizen;
import static id.aduan.notification.application.FastService.whatsapp;
import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Status answers (issue 23, docs/adr/0053) through {@link Notify} and {@link Dispatch}: sent at
 * once, free text in the window the question opened, never held by the daily limit, once per
 * question, and without touching the read model.
 */
class StatusAnswersTest {

  /** 10:00 WIB. */
  private static final Instant DAY = Instant.parse("2026-11-20T03:00:00Z");

  private final FastService s = new FastService(DAY);

  private CaseEvent.CaseStatusRequested asked(
      String id, ReplyAddress to, String caseId, List<CaseEvent.StatusLine> lines) {
    return new CaseEvent.CaseStatusRequested(
        id,
        DAY,
        caseId,
        lines.isEmpty() ? "BDG-2026-000999" : lines.getFirst().ticket(),
        "BDG",
        lines.isEmpty() ? null : lines.getFirst().status(),
        to,
        "wamid.ASK-" + id,
        DAY,
        lines.isEmpty() ? "BDG-2026-000999" : lines.getFirst().ticket(),
        lines,
        "id");
  }

  @Test
  void everyQuestionOfTheDayIsAnsweredAtOnceEvenPastTheDailyLimitAndARedeliveryOnce() {
    CaseEvent.CaseOpened opened = s.opened("BDG", whatsapp(citizen()), "id");
    s.send(opened);
    List<CaseEvent.StatusLine> line =
        List.of(new CaseEvent.StatusLine(opened.ticket(), CaseStatus.ROUTED, DAY, null));

    for (int i = 1; i <= 5; i++) {
      s.send(asked("q-" + i, opened.replyAddress(), opened.caseId(), line));
    }
    s.send(asked("q-5", opened.replyAddress(), opened.caseId(), line));

    List<OutboundMessage> answers =
        s.outbound.forCase(opened.caseId()).stream()
            .filter(m -> m.purpose().equals("STATUS"))
            .toList();
    assertThat(answers).hasSize(5);
    assertThat(answers)
        .allSatisfy(
            m -> {
              assertThat(m.template()).as("the question opened the window: free text").isNull();
              assertThat(m.replyToProviderMessageId()).startsWith("wamid.ASK-q-");
              assertThat(m.text()).contains(opened.ticket() + ": diteruskan ke bidang");
            });
    assertThat(s.cases.byId(opened.caseId()).orElseThrow().status()).isEqualTo(CaseStatus.RECEIVED);
  }

  @Test
  void aNotFoundAnswerCreatesNoCaseInTheReadModel() {
    ReplyAddress stranger = whatsapp(citizen());

    s.send(asked("q-x", stranger, "status-query:q-x", List.of()));

    assertThat(s.outbound.all())
        .singleElement()
        .satisfies(m -> assertThat(m.text()).startsWith("Kami tidak menemukan pengaduan"));
    assertThat(s.cases.byId("status-query:q-x")).isEmpty();
  }
}
