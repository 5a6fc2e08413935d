package id.aduan.whatsapp.client;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sends WhatsApp messages through one provider (the Cloud API or Twilio). Each method returns the
 * provider's id of the accepted message, or throws {@link GraphApiException} saying what to do.
 */
public interface WhatsAppSender {

  String sendText(String phoneNumberId, String to, String body, @Nullable String contextMessageId);

  /** An approved template: a template name (Cloud API) or a Content SID (Twilio). */
  String sendTemplate(
      String phoneNumberId, String to, String name, String language, List<String> parameters);

  String sendDocument(
      String phoneNumberId,
      String to,
      String url,
      String fileName,
      @Nullable String caption,
      @Nullable String contextMessageId);

  void markRead(String phoneNumberId, String providerMessageId);
}
