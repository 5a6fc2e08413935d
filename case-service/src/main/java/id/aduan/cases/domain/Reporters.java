package id.aduan.cases.domain;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.ReplyAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who may act on a case as its reporter (DESIGN.md, "Only the reporter acts on their case"): the
 * channel identity the case answers (its reply address), the reporters of cases merged into it, and
 * any channel identity of the same person, as an officer merged their citizen profiles. Only they
 * join the case by naming its ticket or replying to it, answer its survey, or become an address of
 * its notices. A sender whose channel does not vouch for the address (an email whose From the
 * receiving server did not authenticate) is nobody's reporter (docs/adr/0027).
 *
 * @param reply the address the case answers, when it has one
 * @param others the reporters of cases merged into this one
 * @param personId the person of the case's reporter profile, when known
 */
public record Reporters(
    @Nullable ReplyAddress reply, List<ReplyAddress> others, @Nullable String personId) {

  /**
   * The {@link ComplaintReceived#metadata()} key in which the email channel says whether the
   * receiving server authenticated the From address: {@code true}, {@code false} or {@code
   * unknown}.
   */
  public static final String SENDER_AUTHENTICATED = "senderAuthenticated";

  public Reporters {
    others = others == null ? List.of() : List.copyOf(others);
  }

  /**
   * The writer of one message.
   *
   * @param authenticated the channel vouches that the message comes from {@code address}: always
   *     for webhook and LAPOR! channels, whose providers sign or authenticate what they deliver;
   *     for email only when the channel reported the From as authenticated
   * @param personId the person of the sender's citizen profile, when they have one
   */
  public record Sender(
      Channel channel, String address, boolean authenticated, @Nullable String personId) {

    /** The sender of a citizen message, as its channel reports them. */
    public static Sender of(ComplaintReceived m, @Nullable String personId) {
      return new Sender(m.channel(), m.sender().channelUserId(), authenticated(m), personId);
    }

    private static boolean authenticated(ComplaintReceived m) {
      if (m.channel() != Channel.EMAIL) {
        return true;
      }
      // Older email messages carry no verdict: unknown is not authenticated.
      return "true".equalsIgnoreCase(m.metadata().get(SENDER_AUTHENTICATED));
    }
  }

  /** Why a sender may not act as the reporter of a case. */
  public enum Refusal {
    /** Another channel identity, not merged into the reporter's person. */
    STRANGER,
    /** An email From the receiving server did not authenticate. */
    UNAUTHENTICATED
  }

  /** Whether {@code sender} is this case's reporter: null when they are, else why not. */
  public @Nullable Refusal refusal(Sender sender) {
    if (!sender.authenticated()) {
      return Refusal.UNAUTHENTICATED;
    }
    if (sameIdentity(reply, sender) || others.stream().anyMatch(o -> sameIdentity(o, sender))) {
      return null;
    }
    if (personId != null && Objects.equals(personId, sender.personId())) {
      return null;
    }
    return Refusal.STRANGER;
  }

  /** Whether {@code sender} is this case's reporter. */
  public boolean admit(Sender sender) {
    return refusal(sender) == null;
  }

  /**
   * The same channel identity: the same channel and the same address on it. Email addresses compare
   * without case; the agency's account the message came in on does not matter (an agency may have
   * several mailboxes or numbers).
   */
  private static boolean sameIdentity(@Nullable ReplyAddress address, Sender sender) {
    if (address == null || address.channel() != sender.channel()) {
      return false;
    }
    return sender.channel() == Channel.EMAIL
        ? address
            .recipientId()
            .toLowerCase(Locale.ROOT)
            .equals(sender.address().toLowerCase(Locale.ROOT))
        : address.recipientId().equals(sender.address());
  }
}
