package id.aduan.cases.domain;

import id.aduan.contracts.Channel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Case ids derived from the message that opened the case, so that a redelivered message finds the
 * case it already opened instead of opening a second one.
 */
public final class CaseIds {

  private CaseIds() {}

  public static String forOpeningMessage(
      String agencyCode, Channel channel, String providerMessageId) {
    String key = agencyCode + "|" + channel + "|" + providerMessageId;
    return "c-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
  }
}
