package id.aduan.whatsapp.client;

import id.aduan.whatsapp.domain.SendFailure;
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

  /**
   * Sends a document from its bytes (a file stored in GridFS, with no URL): the Cloud API uploads
   * it first ({@code POST /{phone-number-id}/media}) and sends it by the media id it gets back.
   * Providers that only send by URL refuse it as final.
   */
  default String sendDocumentFile(
      String phoneNumberId,
      String to,
      byte[] bytes,
      String fileName,
      String mediaType,
      @Nullable String caption,
      @Nullable String contextMessageId) {
    throw new GraphApiException(
        400, null, "this provider sends documents by URL only", null, SendFailure.FINAL);
  }

  void markRead(String phoneNumberId, String providerMessageId);
}
