package id.aduan.agency;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One agency as its configuration file describes it.
 *
 * @param code the short code used in ticket numbers (upper case, e.g. {@code BDG})
 * @param timeZone every deadline and ticket year is computed in it (Buton is WITA)
 * @param standard where the rules come from (the service standard's file and decree number)
 * @param sourceFile the configuration file, for error messages and audits
 */
public record Agency(
    String code,
    String name,
    ZoneId timeZone,
    String language,
    Standard standard,
    OfficeHours officeHours,
    Channels channels,
    String sourceFile) {

  public record Standard(String file, @Nullable String decree) {}

  /** The agency's working hours on a working day; deadlines end at {@code close}. */
  public record OfficeHours(LocalTime open, LocalTime close) {}

  /** The channels citizens may use, and the agency's own address on each. */
  public record Channels(
      @Nullable WhatsApp whatsapp,
      List<String> mailboxes,
      @Nullable String laporAgencyId,
      @Nullable String facebookPageId,
      @Nullable String instagramAccountId,
      List<String> frontDesk) {

    public Channels {
      mailboxes = List.copyOf(mailboxes);
      frontDesk = List.copyOf(frontDesk);
    }

    public Optional<WhatsApp> whatsappChannel() {
      return Optional.ofNullable(whatsapp);
    }
  }

  /**
   * A WhatsApp number. {@code provider} is {@code meta} (Cloud API) or {@code twilio}.
   *
   * @param chatOnly the number takes no calls (Bandung's hotline is chat only)
   * @param windowTemplate the approved template that carries a message outside WhatsApp's 24-hour
   *     window, its one body parameter being the text: a template name for {@code meta}, a Content
   *     SID ({@code HX...}) for {@code twilio}; null when the agency has none
   * @param windowTemplateLanguage the language code the template was approved in (e.g. {@code id})
   */
  public record WhatsApp(
      String phoneNumberId,
      String displayNumber,
      String provider,
      boolean chatOnly,
      @Nullable String ackTemplate,
      @Nullable String windowTemplate,
      @Nullable String windowTemplateLanguage) {

    /** Without a template for outside the window (the earlier shape, kept for callers). */
    public WhatsApp(
        String phoneNumberId,
        String displayNumber,
        String provider,
        boolean chatOnly,
        @Nullable String ackTemplate) {
      this(phoneNumberId, displayNumber, provider, chatOnly, ackTemplate, null, null);
    }
  }
}
