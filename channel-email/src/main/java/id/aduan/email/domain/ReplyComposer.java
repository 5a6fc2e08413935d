package id.aduan.email.domain;

import id.aduan.contracts.OutboundMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides what an outbound mail looks like: the ticket in the subject (so a reply from any mail
 * client finds its case even without headers), In-Reply-To and References to thread it under the
 * citizen's mail, a text and an HTML alternative, the VERP return path and, for messages no person
 * wrote, {@code Auto-Submitted: auto-replied}.
 */
public final class ReplyComposer {

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private ReplyComposer() {}

  /** The Message-ID of an outbound mail: derived from the event id, so a resend reuses it. */
  public static String messageIdFor(String outboundEventId, String mailbox) {
    if (!SAFE_ID.matcher(outboundEventId).matches()) {
      throw new IllegalArgumentException("outbound event id is not address-safe");
    }
    return "<" + outboundEventId + "." + "aduan" + mailbox.substring(mailbox.indexOf('@')) + ">";
  }

  public static OutgoingMail compose(OutboundMessage message, String agencyName) {
    String mailbox = message.to().channelAccountId();
    String subject =
        message.subject() == null || message.subject().isBlank()
            ? defaultSubject(message)
            : message.subject().strip();
    if (message.ticket() != null && !subject.contains(message.ticket())) {
      subject = "[" + message.ticket() + "] " + subject;
    }
    String inReplyTo = message.replyToProviderMessageId();
    Set<String> references = new LinkedHashSet<>(message.references());
    if (inReplyTo != null) {
      references.remove(inReplyTo);
      references.add(inReplyTo);
    }
    List<OutgoingMail.FileRef> files = new ArrayList<>();
    for (OutboundMessage.OutboundAttachment a : message.attachments()) {
      if (a.storageRef() == null) {
        throw new IllegalArgumentException(
            "attachment "
                + a.fileName()
                + " has no storageRef; URLs are not fetched by channel-email");
      }
      files.add(new OutgoingMail.FileRef(a.fileName(), a.mediaType(), a.storageRef()));
    }
    return new OutgoingMail(
        messageIdFor(message.eventId(), mailbox),
        mailbox,
        agencyName,
        message.to().recipientId(),
        Verp.returnPath(mailbox, message.eventId()),
        subject,
        message.text(),
        // The sender's own HTML part (notification templates render one), else the text as HTML.
        message.html() != null && !message.html().isBlank() ? message.html() : html(message.text()),
        inReplyTo != null && inReplyTo.startsWith("<") ? inReplyTo : null,
        references.stream().filter(r -> r.startsWith("<")).toList(),
        message.automatic(),
        files);
  }

  private static String defaultSubject(OutboundMessage message) {
    return "en".equals(message.language()) ? "Your complaint" : "Pengaduan Anda / Your complaint";
  }

  /** The HTML alternative: the same text, escaped, paragraphs kept. */
  static String html(String text) {
    StringBuilder out = new StringBuilder("<!DOCTYPE html><html><body>");
    for (String paragraph : text.strip().split("\\n\\s*\\n")) {
      out.append("<p>").append(escape(paragraph).replace("\n", "<br>")).append("</p>");
    }
    return out.append("</body></html>").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
