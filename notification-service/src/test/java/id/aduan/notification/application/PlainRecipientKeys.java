package id.aduan.notification.application;

import id.aduan.contracts.ReplyAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Recipient keys without a secret: enough to keep addresses out of ids in a test. */
public final class PlainRecipientKeys implements RecipientKeys {

  @Override
  public String key(ReplyAddress to) {
    return to.channel() + ":" + to.channelAccountId() + ":" + hash(to.recipientId());
  }

  @Override
  public String hash(String recipientId) {
    return UUID.nameUUIDFromBytes(recipientId.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
