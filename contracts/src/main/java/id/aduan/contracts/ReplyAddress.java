package id.aduan.contracts;

/**
 * Where to answer a citizen: the channel, the agency's own account on it (WhatsApp phone-number id,
 * mailbox address, page or Instagram account id, LAPOR! agency id) and the citizen's identity on it
 * (phone number or WhatsApp user id, email address, page-scoped id, LAPOR! tracking id).
 */
public record ReplyAddress(
    Channel channel, String channelAccountId, @Personal String recipientId) {}
