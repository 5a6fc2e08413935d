package id.aduan.contracts;

/** Where a citizen wrote, and so where the answer goes. */
public enum Channel {
  WHATSAPP,
  EMAIL,
  LAPOR,
  FACEBOOK,
  INSTAGRAM,
  /** Walk-in, letter, complaint box or phone call, registered by an officer. */
  FRONT_DESK,
  /**
   * The agency's public web complaint form, served by case-service ({@code /lapor/{agency}}); the
   * answer goes to the contact the citizen gave (WhatsApp or email), never to this channel.
   */
  WEB
}
