package id.aduan.notification.persistence;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.notification.application.RecipientKeys;
import id.aduan.support.pii.PiiCipher;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * How this service's stores hold a recipient without their address in clear (docs/adr/0026): as a
 * keyed hash (HMAC-SHA256 with the shared lookup key) wherever it is a key or an id (held
 * notifications, windows, daily counts), and encrypted (AES-GCM, the shared key set) wherever the
 * address must be read back to send to it. A stored address is read by its fields: {@code
 * recipientSealed} is ciphertext, {@code recipientId} a clear value written before.
 */
@Component
public class Recipients implements RecipientKeys {

  private final PiiCipher cipher;

  public Recipients(PiiCipher cipher) {
    this.cipher = cipher;
  }

  /** The recipient as one string for ids and lookups: channel, account and the keyed hash. */
  public String key(ReplyAddress to) {
    return to.channel() + ":" + to.channelAccountId() + ":" + hash(to.recipientId());
  }

  /** The keyed hash of a recipient id (phone number, email address, page-scoped id). */
  public String hash(String recipientId) {
    return cipher.lookup("recipient", recipientId);
  }

  /** A text of the store encrypted (e.g. what a held notice will say). */
  public String seal(String clear) {
    return cipher.encrypt(clear);
  }

  /** A text {@link #seal} sealed. */
  public String open(String sealed) {
    return cipher.decrypt(sealed);
  }

  /** The stored form of an address: the hash (for sets and queries) and the sealed recipient. */
  public Document document(ReplyAddress a) {
    return reference(a).append("recipientSealed", cipher.encrypt(a.recipientId()));
  }

  /**
   * The stored form without the sealed recipient: equal for equal addresses, so a set of them holds
   * each once ({@code $addToSet}); its recipient is kept apart (see {@link CaseViews}).
   */
  public Document reference(ReplyAddress a) {
    return new Document("channel", a.channel().name())
        .append("channelAccountId", a.channelAccountId())
        .append("recipientKey", hash(a.recipientId()));
  }

  /**
   * An address read back: from {@code recipientSealed}, else from {@code sealedByKey} (the
   * recipients kept apart, by their hash), else the clear {@code recipientId} of a document written
   * before.
   */
  public @Nullable ReplyAddress address(@Nullable Document d, @Nullable Document sealedByKey) {
    if (d == null) {
      return null;
    }
    String recipient;
    if (d.get("recipientSealed") instanceof String sealed) {
      recipient = cipher.decrypt(sealed);
    } else if (sealedByKey != null
        && d.get("recipientKey") instanceof String key
        && sealedByKey.get(key) instanceof String sealed) {
      recipient = cipher.decrypt(sealed);
    } else {
      recipient = d.getString("recipientId");
    }
    return recipient == null
        ? null
        : new ReplyAddress(
            Channel.valueOf(d.getString("channel")), d.getString("channelAccountId"), recipient);
  }
}
