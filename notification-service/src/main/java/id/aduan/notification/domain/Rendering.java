package id.aduan.notification.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import id.aduan.support.PersonalData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns parts into what one channel can carry:
 *
 * <ul>
 *   <li>WhatsApp: plain text (the adapter splits above 4096 characters); outside the 24-hour window
 *       the purpose's approved template with its parameters, else the number's window template with
 *       the text as its one parameter; parameters without line breaks or tabs, at most 1024
 *       characters each (Meta's limits);
 *   <li>Messenger at most 2000 and Instagram at most 1000 characters;
 *   <li>email: a subject with the ticket, a text part and an HTML part;
 *   <li>LAPOR!: the text with personal data removed, because LAPOR! publishes follow-ups.
 * </ul>
 */
public final class Rendering {

  public static final int WHATSAPP_PARAMETER_LIMIT = 1024;
  public static final int MESSENGER_LIMIT = 2000;
  public static final int INSTAGRAM_LIMIT = 1000;

  private static final Map<String, Agency.Text> SUBJECTS =
      Map.of(
          "ACKNOWLEDGEMENT", new Agency.Text("Pengaduan diterima", "Complaint received"),
          "INFORMATION_REQUEST",
              new Agency.Text("Mohon lengkapi pengaduan Anda", "Please complete your complaint"),
          "STATUS", new Agency.Text("Perkembangan pengaduan", "Complaint update"),
          "ANSWER", new Agency.Text("Tanggapan atas pengaduan Anda", "Answer to your complaint"),
          "RESOLUTION", new Agency.Text("Pengaduan selesai", "Complaint resolved"),
          "REJECTION",
              new Agency.Text("Pengaduan tidak dapat diproses", "Complaint cannot be processed"),
          "SURVEY", new Agency.Text("Survei kepuasan", "Satisfaction survey"),
          "OFFICER_ALERT", new Agency.Text("Pemberitahuan pengaduan", "Case alert"),
          "DIGEST", new Agency.Text("Rekap harian pengaduan", "Daily case digest"));

  private Rendering() {}

  /** What goes into an {@link OutboundMessage} for one channel. */
  public record Rendered(
      String purpose,
      @Nullable String subject,
      String text,
      @Nullable String html,
      OutboundMessage.@Nullable Template template) {}

  /** The text of one part in {@code language}; a {@code +}-joined template is one paragraph. */
  public static String text(Part part, Agency agency, String language) {
    return Arrays.stream(part.template().split("\\+"))
        .map(t -> Texts.fill(agency, t, language, part.values()))
        .collect(Collectors.joining(" "));
  }

  /**
   * @param mode what the channel allows now ({@link ChannelRules}); must not be closed
   * @param ticket the case's ticket, or null for a digest
   * @param extraHtml an HTML block appended to the email's HTML part (the digest's table)
   */
  public static Rendered render(
      List<Part> parts,
      Channel channel,
      ChannelRules.Mode mode,
      Agency agency,
      String language,
      @Nullable String ticket,
      @Nullable String extraHtml) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to render");
    }
    String purpose = parts.size() == 1 ? parts.getFirst().purpose() : "STATUS";
    String text;
    if (parts.size() == 1) {
      text = text(parts.getFirst(), agency, language);
    } else {
      List<String> lines = new ArrayList<>();
      lines.add(
          Texts.fill(agency, "merged", language, Map.of("ticket", ticket == null ? "-" : ticket)));
      for (Part p : parts) {
        lines.add("- " + text(p, agency, language));
      }
      text = String.join("\n", lines);
    }
    return switch (channel) {
      case LAPOR -> new Rendered(purpose, null, PersonalData.scrub(text), null, null);
      case WHATSAPP ->
          new Rendered(
              purpose,
              null,
              text,
              null,
              mode instanceof ChannelRules.Template
                  ? whatsappTemplate(parts, purpose, text, agency, language)
                  : null);
      case FACEBOOK -> new Rendered(purpose, null, limit(text, MESSENGER_LIMIT), null, null);
      case INSTAGRAM -> new Rendered(purpose, null, limit(text, INSTAGRAM_LIMIT), null, null);
      case EMAIL -> {
        String subject = SUBJECTS.getOrDefault(purpose, SUBJECTS.get("STATUS")).in(language);
        if (ticket != null) {
          subject = "[" + ticket + "] " + subject;
        }
        yield new Rendered(purpose, subject, text, html(subject, text, extraHtml), null);
      }
      case FRONT_DESK -> throw new IllegalArgumentException("the front desk has no channel");
      case WEB -> throw new IllegalArgumentException("the web form has no channel");
    };
  }

  /**
   * The approved template for outside WhatsApp's window: the purpose's own (one part only), else
   * the number's generic one carrying the text; null when the agency has neither.
   */
  static OutboundMessage.@Nullable Template whatsappTemplate(
      List<Part> parts, String purpose, String text, Agency agency, String language) {
    Agency.WhatsAppTemplate own = agency.rules().notifications().whatsappTemplates().get(purpose);
    if (own != null && parts.size() == 1) {
      Map<String, String> values = new HashMap<>(parts.getFirst().values());
      values.putIfAbsent("agency", agency.name());
      values.put("text", text);
      List<String> parameters =
          own.parameters().stream().map(p -> parameter(values.getOrDefault(p, "-"))).toList();
      return new OutboundMessage.Template(own.name(), own.language(), parameters);
    }
    Agency.WhatsApp number = agency.channels().whatsapp();
    if (number == null || number.windowTemplate() == null) {
      return null;
    }
    String templateLanguage =
        number.windowTemplateLanguage() == null ? language : number.windowTemplateLanguage();
    return new OutboundMessage.Template(
        number.windowTemplate(), templateLanguage, List.of(parameter(text)));
  }

  /** Meta refuses template parameters with line breaks, tabs or 4+ spaces, or over 1024 chars. */
  static String parameter(String value) {
    String flat = value.replaceAll("[\\r\\n\\t]+", " ").replaceAll(" {4,}", "   ").strip();
    return limit(flat, WHATSAPP_PARAMETER_LIMIT);
  }

  /** Cut at a word boundary with an ellipsis, never inside a surrogate pair. */
  static String limit(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max - 1);
    if (cut < max / 2) {
      cut = max - 1;
    }
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut).stripTrailing() + "…";
  }

  static String html(String title, String text, @Nullable String extraHtml) {
    StringBuilder out =
        new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .append(escape(title))
            .append("</title></head><body>");
    for (String paragraph : text.strip().split("\\n\\s*\\n")) {
      out.append("<p>").append(escape(paragraph).replace("\n", "<br>")).append("</p>");
    }
    if (extraHtml != null) {
      out.append(extraHtml);
    }
    return out.append("</body></html>").toString();
  }

  public static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
