package id.aduan.notification.application;

import id.aduan.contracts.ReplyAddress;

/** A recipient as a key or id without their address in clear (docs/adr/0026). */
public interface RecipientKeys {

  /** The recipient as one string for ids and lookups: channel, account and the keyed hash. */
  String key(ReplyAddress to);

  /** The keyed hash of a recipient id (phone number, email address, page-scoped id). */
  String hash(String recipientId);
}
