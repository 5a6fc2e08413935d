package id.aduan.agency;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    String sourceFile,
    Rules rules) {

  /** An agency with only identity and channels (the rules take their statutory defaults). */
  public Agency(
      String code,
      String name,
      ZoneId timeZone,
      String language,
      Standard standard,
      OfficeHours officeHours,
      Channels channels,
      String sourceFile) {
    this(
        code,
        name,
        timeZone,
        language,
        standard,
        officeHours,
        channels,
        sourceFile,
        Rules.statutoryDefaults());
  }

  public record Standard(String file, @Nullable String decree) {}

  /** The agency's working hours on a working day; deadlines end at {@code close}. */
  public record OfficeHours(LocalTime open, LocalTime close) {}

  /**
   * The channels citizens may use, and the agency's own address on each.
   *
   * @param web the public web complaint form, null when the agency offers none
   */
  public record Channels(
      @Nullable WhatsApp whatsapp,
      List<String> mailboxes,
      @Nullable String laporAgencyId,
      @Nullable String facebookPageId,
      @Nullable String instagramAccountId,
      List<String> frontDesk,
      @Nullable Web web) {

    public Channels {
      mailboxes = List.copyOf(mailboxes);
      frontDesk = List.copyOf(frontDesk);
    }

    /** Without a web form (the earlier shape, kept for callers). */
    public Channels(
        @Nullable WhatsApp whatsapp,
        List<String> mailboxes,
        @Nullable String laporAgencyId,
        @Nullable String facebookPageId,
        @Nullable String instagramAccountId,
        List<String> frontDesk) {
      this(whatsapp, mailboxes, laporAgencyId, facebookPageId, instagramAccountId, frontDesk, null);
    }

    public Optional<Web> webForm() {
      return Optional.ofNullable(web);
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

  /**
   * The public web complaint form (case-service's {@code /lapor/{agency}}).
   *
   * @param anonymous the citizen may ask not to be identified (their name is then not kept)
   * @param confidential the citizen may ask that the report be kept confidential (rahasia)
   */
  public record Web(boolean anonymous, boolean confidential) {}

  /** Text in Bahasa Indonesia first, English available (what citizens and officers read). */
  public record Text(String id, String en) {

    /** The text in {@code language} ({@code id} or {@code en}); Bahasa Indonesia otherwise. */
    public String in(String language) {
      return "en".equals(language) ? en : id;
    }
  }

  /**
   * How the agency's service standard is carried out: what the platform checks, times and routes.
   *
   * @param intake what must be present before a case can be verified (checked on every case)
   * @param divisions the divisions (bidang) and what each handles
   * @param caseTypes classification rules: words that make a message a given case type
   * @param slaClasses the deadlines the standard promises, per case type
   * @param escalation the roles a late case goes to, in order
   * @param templates what the platform says to citizens, per purpose
   * @param threading when a message joins the citizen's open case instead of opening one
   * @param duplicates when a new case is flagged as a likely duplicate of another
   * @param ppid the public-information (PPID) flow
   * @param aftercare what follows a resolution: the satisfaction survey and, where the standard
   *     promises it, the publication of the follow-up
   * @param notifications who is told what, when: quiet hours, limits, contacts, WhatsApp templates
   * @param sla how deadlines are run beyond the classes: escalation delays, the agency's own days
   *     off, LAPOR!'s clocks
   * @param handling how complaints are handled beyond the lifecycle (field investigations)
   */
  public record Rules(
      List<Requirement> intake,
      List<Division> divisions,
      List<CaseTypeRule> caseTypes,
      List<SlaClass> slaClasses,
      List<String> escalation,
      Map<String, Text> templates,
      Threading threading,
      Duplicates duplicates,
      Ppid ppid,
      Aftercare aftercare,
      Notifications notifications,
      Sla sla,
      Handling handling) {

    /** UU 14/2008 art. 22(7)-(8): 10 working days, extendable once by 7 working days. */
    public static final SlaClass STATUTORY_PPID =
        new SlaClass(
            "PPID",
            new Text("Permohonan informasi publik (UU 14/2008)", "Public-information request"),
            "INFORMATION_REQUEST",
            true,
            List.of(new Stage("completion", 10, "WORKING_DAYS", 7)),
            "UU 14/2008 Pasal 22 ayat (7) dan (8)");

    public Rules {
      intake = List.copyOf(intake);
      divisions = List.copyOf(divisions);
      caseTypes = List.copyOf(caseTypes);
      slaClasses = List.copyOf(slaClasses);
      escalation = List.copyOf(escalation);
      templates = Map.copyOf(templates);
      sla = sla == null ? Sla.DEFAULTS : sla;
      handling = handling == null ? Handling.NONE : handling;
    }

    /** Rules without a {@code handling} section (no field investigations). */
    public Rules(
        List<Requirement> intake,
        List<Division> divisions,
        List<CaseTypeRule> caseTypes,
        List<SlaClass> slaClasses,
        List<String> escalation,
        Map<String, Text> templates,
        Threading threading,
        Duplicates duplicates,
        Ppid ppid,
        Aftercare aftercare,
        Notifications notifications,
        Sla sla) {
      this(
          intake,
          divisions,
          caseTypes,
          slaClasses,
          escalation,
          templates,
          threading,
          duplicates,
          ppid,
          aftercare,
          notifications,
          sla,
          Handling.NONE);
    }

    /** No agency-specific rules: only the statutory PPID deadline. */
    public static Rules statutoryDefaults() {
      return new Rules(
          List.of(),
          List.of(),
          List.of(),
          List.of(STATUTORY_PPID),
          List.of(),
          Map.of(),
          new Threading(Duration.ofDays(7)),
          new Duplicates(14, 0.5),
          Ppid.STATUTORY,
          Aftercare.DEFAULT,
          Notifications.DEFAULTS,
          Sla.DEFAULTS);
    }

    /** The intake requirements that apply to a case of this type that came on this channel. */
    public List<Requirement> requirementsFor(String caseType, String channel) {
      return intake.stream().filter(r -> r.appliesTo(caseType, channel)).toList();
    }

    public Optional<Division> division(String code) {
      return divisions.stream().filter(d -> d.code().equals(code)).findFirst();
    }

    public Optional<SlaClass> slaClass(String code) {
      return slaClasses.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The class a new case of this type gets until an officer classifies it. */
    public Optional<SlaClass> defaultSlaClass(String caseType) {
      return slaClasses.stream()
          .filter(c -> c.caseType().equals(caseType) && c.isDefault())
          .findFirst();
    }
  }

  /**
   * One intake requirement of the standard, and how the platform recognises it.
   *
   * @param kind {@code nik} (a valid NIK in the citizen's text or the front-desk form), {@code
   *     document} (an attachment whose file name or accompanying text mentions one of {@code
   *     keywords}; any attachment when there are none), {@code description} (the citizen's own
   *     account of at least {@code minWords} words), {@code field} (a front-desk form field, named
   *     by {@code field})
   * @param caseTypes the case types it applies to (all when empty)
   * @param channels the channels it applies to, as {@code Channel} names (all when empty)
   * @param source the line of the standard it comes from, for the standards mapping
   */
  public record Requirement(
      String id,
      Text label,
      String kind,
      List<String> keywords,
      int minWords,
      @Nullable String field,
      List<String> caseTypes,
      List<String> channels,
      String source) {

    public Requirement {
      keywords = List.copyOf(keywords);
      caseTypes = List.copyOf(caseTypes);
      channels = List.copyOf(channels);
    }

    public boolean appliesTo(String caseType, String channel) {
      return (caseTypes.isEmpty() || caseTypes.contains(caseType))
          && (channels.isEmpty() || channels.contains(channel));
    }
  }

  /** A division (bidang) and the words of the complaints it handles (its duties). */
  public record Division(String code, String name, List<String> handles) {
    public Division {
      handles = List.copyOf(handles);
    }
  }

  /** Words that make a message a case of {@code caseType} (e.g. a PPID information request). */
  public record CaseTypeRule(String caseType, List<String> keywords) {
    public CaseTypeRule {
      keywords = List.copyOf(keywords);
    }
  }

  /**
   * A deadline class of the standard.
   *
   * @param isDefault the class a new case of {@code caseType} starts with
   * @param stages what is timed: {@code reception} (walk-in reaches an officer), {@code start}
   *     (handling begins), {@code completion}
   */
  public record SlaClass(
      String code,
      Text name,
      String caseType,
      boolean isDefault,
      List<Stage> stages,
      String source) {
    public SlaClass {
      stages = List.copyOf(stages);
    }

    public Optional<Stage> stage(String stageName) {
      return stages.stream().filter(s -> s.name().equals(stageName)).findFirst();
    }
  }

  /**
   * One timed stage.
   *
   * @param unit {@code WORKING_DAYS}, {@code CALENDAR_DAYS} or {@code HOURS}
   * @param extension how much longer the deadline may be extended, in the same unit (0: none)
   */
  public record Stage(String name, int duration, String unit, int extension) {}

  /**
   * After a resolution: the citizen's reply within {@code surveyWindow} that is a rating answers
   * the satisfaction survey; {@code publishFollowUps} publishes the follow-up result without
   * personal data (Bangka Belitung's standard names it as its service product); {@code
   * sendBeritaAcara} sends the reporter the berita acara with the resolution, as a public expiring
   * download link (Bangka Belitung: "menyampaikan ... kepada pihak pelapor dan menuangkan ke dalam
   * berita acara bukti penyelesaian aduan", docs/adr/0055).
   */
  public record Aftercare(
      Duration surveyWindow,
      boolean publishFollowUps,
      @Nullable String source,
      boolean sendBeritaAcara) {

    public static final Aftercare DEFAULT = new Aftercare(Duration.ofDays(7), false, null, false);

    /** Without sending the berita acara to the reporter. */
    public Aftercare(Duration surveyWindow, boolean publishFollowUps, @Nullable String source) {
      this(surveyWindow, publishFollowUps, source, false);
    }
  }

  /** A message joins the citizen's open case when it arrives within {@code joinWindow}. */
  public record Threading(Duration joinWindow) {}

  /**
   * A new case is flagged as a likely duplicate of an open case of the same citizen (or NIK or
   * phone) received within {@code windowDays}, when their texts are at least {@code minSimilarity}
   * alike (0..1).
   */
  public record Duplicates(int windowDays, double minSimilarity) {}

  /**
   * The public-information (PPID) flow: the steps a request passes, in order, before it is granted
   * (with a proof of delivery) or refused as exempt (with the legal reason).
   */
  public record Ppid(
      List<String> steps,
      boolean ownDeadline,
      Map<String, List<String>> takenBy,
      boolean consequenceTest) {

    /** An agency without its own flow: the PPID verifies, then decides. */
    public static final Ppid STATUTORY = new Ppid(List.of("PPID", "VERIFICATION"), false);

    /**
     * @param takenBy per step, the roles that may take the request on from it (advance it to the
     *     next step); a step not named here is taken by every role allowed to advance PPID steps
     * @param consequenceTest an information request is refused as exempt only after a consequence
     *     test (uji konsekuensi) that found disclosure harmful is recorded on the case
     */
    public Ppid {
      steps = List.copyOf(steps);
      Map<String, List<String>> roles = new LinkedHashMap<>();
      (takenBy == null ? Map.<String, List<String>>of() : takenBy)
          .forEach((step, r) -> roles.put(step, List.copyOf(r)));
      takenBy = Collections.unmodifiableMap(roles);
    }

    /** A flow without role rules and without the consequence test. */
    public Ppid(List<String> steps, boolean ownDeadline) {
      this(steps, ownDeadline, Map.of(), false);
    }

    /** Whether {@code role} may take the request on from {@code step}. */
    public boolean mayTake(String step, String role) {
      List<String> roles = takenBy.get(step);
      return roles == null || roles.contains(role);
    }
  }

  /**
   * How complaints are handled beyond the lifecycle, where the standard names it (Bangka Belitung:
   * "Investigasi atau peninjauan lapangan").
   *
   * @param fieldInvestigation officers record field investigations (date, officers, findings,
   *     photos) on a case
   * @param dispositionRequired a complaint goes in progress only after the head's disposition
   *     decided it can be handled (Buton: "menunggu hasil disposisi pimpinan"); the file's {@code
   *     handling.disposition: required} (docs/adr/0051)
   */
  public record Handling(
      boolean fieldInvestigation, @Nullable String source, boolean dispositionRequired) {

    public static final Handling NONE = new Handling(false, null, false);

    /** Without a required disposition. */
    public Handling(boolean fieldInvestigation, @Nullable String source) {
      this(fieldInvestigation, source, false);
    }
  }

  /**
   * What the notification service needs beyond the template texts (the agency file's {@code
   * notifications} section).
   *
   * @param statusUrl where a citizen checks a case's status (told in the acknowledgement); null
   *     when the agency has none (the citizen then asks by replying with the ticket)
   * @param quietHours when non-urgent messages wait (local time of the agency), or null for none
   * @param maxAutomaticPerDay automatic messages one citizen gets per day at most; more are merged
   *     into one message the next day
   * @param surveyDelay how long after the resolution the satisfaction survey goes out
   * @param digestAt local time of the daily per-division digest
   * @param contacts where officers, divisions and roles are reached (email addresses)
   * @param whatsappTemplates the approved WhatsApp template per purpose, for outside the 24-hour
   *     window; purposes without one use the number's {@code windowTemplate}
   */
  public record Notifications(
      @Nullable String statusUrl,
      @Nullable QuietHours quietHours,
      int maxAutomaticPerDay,
      Duration surveyDelay,
      LocalTime digestAt,
      Contacts contacts,
      Map<String, WhatsAppTemplate> whatsappTemplates) {

    public static final Notifications DEFAULTS =
        new Notifications(
            null,
            null,
            3,
            Duration.ofHours(1),
            LocalTime.of(7, 0),
            new Contacts(Map.of(), Map.of(), Map.of()),
            Map.of());

    public Notifications {
      whatsappTemplates = Map.copyOf(whatsappTemplates);
    }
  }

  /** Non-urgent messages are held from {@code from} to {@code to} (may span midnight). */
  public record QuietHours(LocalTime from, LocalTime to) {

    public boolean contains(LocalTime time) {
      return from.isBefore(to)
          ? !time.isBefore(from) && time.isBefore(to)
          : !time.isBefore(from) || time.isBefore(to);
    }
  }

  /**
   * Email addresses of the people alerts go to.
   *
   * @param roles per escalation role ({@code COORDINATOR}, {@code HEAD}, ...)
   * @param divisions per division code: the division's officers or its shared mailbox
   * @param officers per officer user name (an optional directory; the division is used otherwise)
   */
  public record Contacts(
      Map<String, List<String>> roles,
      Map<String, List<String>> divisions,
      Map<String, String> officers) {

    public Contacts {
      roles = Map.copyOf(roles);
      divisions = Map.copyOf(divisions);
      officers = Map.copyOf(officers);
    }

    public List<String> role(String role) {
      return roles.getOrDefault(role, List.of());
    }

    public List<String> division(@Nullable String code) {
      return code == null ? List.of() : divisions.getOrDefault(code, List.of());
    }
  }

  /**
   * An approved WhatsApp template: {@code parameters} name the placeholders that fill its body
   * parameters {@code {{1}}}, {@code {{2}}}, ... in order (e.g. {@code [ticket, statusUrl]}).
   */
  public record WhatsAppTemplate(String name, String language, List<String> parameters) {
    public WhatsAppTemplate {
      parameters = List.copyOf(parameters);
    }
  }

  /**
   * How an agency's deadlines run beyond its SLA classes (the {@code sla} section of the file).
   *
   * @param escalationAfter how long after the breach each role of {@code escalation} is told, in
   *     the same order; empty means the SLA service's default delays
   * @param daysOff the agency's own days off besides national holidays and cuti bersama
   * @param lapor the clocks SP4N-LAPOR! itself sets for reports that came from it
   */
  public record Sla(List<Duration> escalationAfter, List<DayOff> daysOff, List<LaporClock> lapor) {

    /** LAPOR!'s rule: follow up within 5 working days of disposition. */
    public static final LaporClock LAPOR_FOLLOW_UP =
        new LaporClock(
            "follow-up",
            5,
            "WORKING_DAYS",
            "SP4N-LAPOR!: instansi menindaklanjuti paling lambat 5 hari kerja sejak disposisi");

    /** LAPOR!'s rule: an answered report closes after 10 working days without the reply. */
    public static final LaporClock LAPOR_CLOSE =
        new LaporClock(
            "close-without-reply",
            10,
            "WORKING_DAYS",
            "SP4N-LAPOR!: laporan yang telah ditanggapi ditutup setelah 10 hari kerja tanpa"
                + " tanggapan pelapor");

    public static final Sla DEFAULTS =
        new Sla(List.of(), List.of(), List.of(LAPOR_FOLLOW_UP, LAPOR_CLOSE));

    public Sla {
      escalationAfter = List.copyOf(escalationAfter);
      daysOff = List.copyOf(daysOff);
      lapor = List.copyOf(lapor);
    }

    public Optional<LaporClock> laporClock(String clock) {
      return lapor.stream().filter(c -> c.clock().equals(clock)).findFirst();
    }
  }

  /** A day the agency's offices are closed besides the national calendar, and why. */
  public record DayOff(java.time.LocalDate date, String name) {}

  /**
   * One of LAPOR!'s clocks: {@code follow-up} (from disposition to the agency's follow-up) or
   * {@code close-without-reply} (from the answer until the report closes without the reporter's
   * reply).
   */
  public record LaporClock(String clock, int duration, String unit, String source) {}
}
