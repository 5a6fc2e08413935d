package id.aduan.cases.domain;

import id.aduan.agency.Agency;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a case against its agency's intake requirements, on everything the citizen has sent so far
 * (all texts, all attachments, the front-desk form, the originals an officer saw at the desk). The
 * result names exactly what is missing, by the requirement ids of the agency file, and what was
 * sent but is invalid (reason codes only).
 */
public final class Completeness {

  private Completeness() {}

  /** One file the citizen sent, with the text that came with it (its caption or message). */
  public record Attachment(
      @Nullable String fileName,
      String mediaType,
      @Nullable String caption,
      @Nullable String requirement) {

    /** A file without a requirement label (a channel's attachment). */
    public Attachment(@Nullable String fileName, String mediaType, @Nullable String caption) {
      this(fileName, mediaType, caption, null);
    }
  }

  /**
   * What the case holds to satisfy requirements.
   *
   * @param form front-desk fields by name ({@code name}, {@code address}, {@code description},
   *     {@code loss}, {@code remedy}, {@code placeAndTime}, {@code signed} = "true", {@code nik})
   */
  public record Evidence(
      List<String> texts,
      List<Attachment> attachments,
      Map<String, String> form,
      Set<String> presented) {
    public Evidence {
      texts = List.copyOf(texts);
      attachments = List.copyOf(attachments);
      form = Map.copyOf(form);
      presented = presented == null ? Set.of() : Set.copyOf(presented);
    }

    /** Evidence without originals presented at the desk. */
    public Evidence(List<String> texts, List<Attachment> attachments, Map<String, String> form) {
      this(texts, attachments, form, Set.of());
    }
  }

  /**
   * @param missing requirement ids not yet satisfied, in the order of the agency file
   * @param invalid reason codes of invalid values the citizen sent (e.g. {@code nik:birth-date})
   * @param nik the first valid NIK found, to be kept (never an invalid one)
   */
  public record Result(List<String> missing, List<String> invalid, @Nullable Nik nik) {
    public boolean complete() {
      return missing.isEmpty();
    }
  }

  public static Result check(
      List<Agency.Requirement> requirements, Evidence evidence, LocalDate today) {
    List<Nik.Check> nikChecks = new ArrayList<>();
    for (String text : evidence.texts()) {
      nikChecks.addAll(Nik.findIn(text, today));
    }
    String formNik = evidence.form().get("nik");
    if (formNik != null && !formNik.isBlank()) {
      nikChecks.add(Nik.check(formNik, today));
    }
    Nik valid =
        nikChecks.stream().filter(Nik.Check::valid).map(Nik.Check::nik).findFirst().orElse(null);
    Set<String> invalid = new LinkedHashSet<>();
    if (valid == null) {
      // A later valid NIK supersedes an earlier mistake; only report while none is valid.
      nikChecks.stream().map(Nik.Check::reason).forEach(invalid::add);
    }
    List<String> missing = new ArrayList<>();
    for (Agency.Requirement r : requirements) {
      if (!satisfied(r, evidence, valid != null)) {
        missing.add(r.id());
      }
    }
    return new Result(List.copyOf(missing), List.copyOf(invalid), valid);
  }

  private static boolean satisfied(Agency.Requirement r, Evidence e, boolean validNik) {
    return switch (r.kind()) {
      case "nik" -> validNik || atDesk(r, e) || hasDocument(e, r.keywords());
      case "document" -> atDesk(r, e) || hasDocument(e, r.keywords());
      case "description" -> words(e) >= r.minWords();
      case "field" -> field(e, r.field());
      default -> false;
    };
  }

  /**
   * The requirement's original was presented at the desk, or a file kept for the case is labelled
   * with it (docs/adr/0052): a labelled KTP scan satisfies a NIK requirement without a NIK.
   */
  private static boolean atDesk(Agency.Requirement r, Evidence e) {
    if (e.presented().contains(r.id())) {
      return true;
    }
    for (Attachment a : e.attachments()) {
      if (r.id().equals(a.requirement())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasDocument(Evidence e, List<String> keywords) {
    if (e.attachments().isEmpty()) {
      return false;
    }
    if (keywords.isEmpty()) {
      return true;
    }
    for (Attachment a : e.attachments()) {
      if (Words.mentionsAny(a.fileName(), keywords) || Words.mentionsAny(a.caption(), keywords)) {
        return true;
      }
    }
    // A photo sent right after "ini KK saya" has no caption: the message texts count too.
    for (String text : e.texts()) {
      if (Words.mentionsAny(text, keywords)) {
        return true;
      }
    }
    return false;
  }

  private static int words(Evidence e) {
    int words = 0;
    for (String text : e.texts()) {
      words += Words.count(text);
    }
    String description = e.form().get("description");
    return words + Words.count(description);
  }

  private static boolean field(Evidence e, @Nullable String field) {
    if (field == null) {
      return false;
    }
    String value = e.form().get(field);
    if (field.equals("signed")) {
      return "true".equals(value);
    }
    return value != null && !value.isBlank();
  }
}
