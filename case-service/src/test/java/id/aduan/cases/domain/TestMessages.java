package id.aduan.cases.domain;

import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Citizen messages for tests of intake: a WhatsApp text to BDG's account. */
public final class TestMessages {

  public static final String ACCOUNT = "100000000000001";

  private TestMessages() {}

  public static ComplaintReceived whatsapp(
      String providerId, String from, String text, Instant at, @Nullable String inReplyTo) {
    return new ComplaintReceived(
        "e-" + providerId,
        at,
        "BDG",
        Channel.WHATSAPP,
        ACCOUNT,
        providerId,
        new ComplaintReceived.Sender(from, "Warga", false, false),
        "text",
        null,
        text,
        List.of(),
        null,
        inReplyTo,
        List.of(),
        at,
        Map.of(),
        null);
  }

  /**
   * A WhatsApp case of {@code reporter} in {@code status}, received at {@code receivedAt}, its
   * citizen last writing at {@code lastMessageAt}; resolved (when it is) at {@code lastMessageAt}.
   */
  public static CaseState.Builder reportersCase(
      String ticket,
      String reporter,
      CaseStatus status,
      Instant receivedAt,
      Instant lastMessageAt) {
    CaseState.Builder state =
        CaseState.received(
            ticket, "BDG", CaseType.COMPLAINT, Channel.WHATSAPP, "ONLINE", receivedAt, receivedAt);
    state.status = status;
    state.replyAddress = new ReplyAddress(Channel.WHATSAPP, ACCOUNT, reporter);
    state.lastCitizenMessageAt = lastMessageAt;
    if (status == CaseStatus.RESOLVED) {
      state.timeline.add(
          new AuditEntry(lastMessageAt, "officer", "resolve", CaseStatus.ANSWERED, status, null));
    }
    return state;
  }
}
