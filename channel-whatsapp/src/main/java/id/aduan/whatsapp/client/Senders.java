package id.aduan.whatsapp.client;

import id.aduan.agency.AgencyCatalog;
import org.springframework.stereotype.Component;

/**
 * Which provider sends for an agency number: the agency file's {@code channels.whatsapp.provider}.
 */
@Component
public class Senders {

  private final AgencyCatalog agencies;
  private final GraphApiClient graph;
  private final TwilioClient twilio;

  Senders(AgencyCatalog agencies, GraphApiClient graph, TwilioClient twilio) {
    this.agencies = agencies;
    this.graph = graph;
    this.twilio = twilio;
  }

  public WhatsAppSender forNumber(String phoneNumberId) {
    boolean viaTwilio =
        agencies
            .byWhatsAppPhoneNumberId(phoneNumberId)
            .flatMap(a -> a.channels().whatsappChannel())
            .map(w -> "twilio".equals(w.provider()))
            .orElse(false);
    return viaTwilio ? twilio : graph;
  }
}
