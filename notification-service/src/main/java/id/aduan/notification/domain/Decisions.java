package id.aduan.notification.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.SlaEvent;
import id.aduan.notification.domain.Notice.Audience;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The decision table (notification-service/README.md): which event tells whom what. Plain values
 * in, {@link Notice}s out; the same for every agency, whose file supplies wording and contacts.
 */
public final class Decisions {

  private static final String SYSTEM = "system";

  /**
   * The reason code of a case closed because LAPOR! dispositioned its report to another agency
   * (case-service's {@code Case.REDISPOSITIONED}).
   */
  static final String REDISPOSITIONED = "REDISPOSITIONED";

  /** The value of a rejection's reason code, passed on as {@code OutboundMessage.reasonCode}. */
  public static final String REASON_CODE = "reasonCode";

  private Decisions() {}

  /** What a case event causes; nothing for events no one needs to hear about. */
  public static List<Notice> forCase(CaseEvent event, @Nullable CaseView view, Agency agency) {
    String language = language(event, view, agency);
    Map<String, String> values = new HashMap<>();
    values.put("ticket", event.ticket());
    values.put("agency", agency.name());
    List<Notice> out = new ArrayList<>();
    switch (event) {
      case CaseEvent.CaseOpened e -> {
        Agency.Notifications n = agency.rules().notifications();
        values.put("statusUrl", n.statusUrl() == null ? "" : n.statusUrl());
        values.put(
            "howToCheck",
            Texts.fill(
                agency,
                n.statusUrl() == null ? "howToCheckByReply" : "howToCheck",
                language,
                values));
        // An answer to what the citizen just sent: sent at once, quiet hours or not.
        citizen(
            out,
            "ACKNOWLEDGEMENT",
            "acknowledgement",
            values,
            Delivery.REPLY,
            e.replyAddress(),
            e.sourceMessageId());
      }
      case CaseEvent.InformationRequested e when e.announcedWith() != null -> {
        // Asked by the intake check at opening: the acknowledgement of that CaseOpened already
        // carries it (forOpening), one message; the request itself is for the timeline and the
        // SLA clock.
      }
      case CaseEvent.InformationRequested e -> {
        List<String> templates = new ArrayList<>();
        if (!e.missing().isEmpty()) {
          values.put("missing", missing(e.missing(), agency, language));
          templates.add("informationRequest");
        }
        if (!e.invalid().isEmpty()) {
          values.put("invalid", String.join(", ", e.invalid()));
          templates.add(
              e.invalid().stream().allMatch(c -> c.startsWith("nik")) ? "invalidNik" : "invalid");
        }
        if (!templates.isEmpty()) {
          // The intake check asking right after the citizen wrote is a reply; an officer's later
          // request waits out the quiet hours.
          citizen(
              out,
              "INFORMATION_REQUEST",
              String.join("+", templates),
              values,
              SYSTEM.equals(e.actor()) ? Delivery.REPLY : Delivery.AUTOMATIC,
              address(e.replyAddress(), view),
              null);
        }
      }
      case CaseEvent.CaseRouted e -> {
        values.put("division", divisionName(e.division(), agency));
        citizen(out, "STATUS", "routed", values, Delivery.AUTOMATIC, address(null, view), null);
        staff(
            out,
            "officerRouted",
            values,
            Delivery.AUTOMATIC,
            divisionContacts(e.division(), agency),
            agency);
      }
      case CaseEvent.CaseAssigned e -> {
        values.put("division", divisionName(e.division(), agency));
        values.put("officer", e.officer());
        String direct = agency.rules().notifications().contacts().officers().get(e.officer());
        staff(
            out,
            "officerAssigned",
            values,
            Delivery.AUTOMATIC,
            direct != null ? List.of(direct) : divisionContacts(e.division(), agency),
            agency);
      }
      case CaseEvent.CaseStatusChanged e -> {
        if (e.status() == CaseStatus.IN_PROGRESS && e.from() != CaseStatus.IN_PROGRESS) {
          citizen(
              out, "STATUS", "inProgress", values, Delivery.AUTOMATIC, address(null, view), null);
        }
        // Archived after its resolution: a LAPOR! report is closed with a last follow-up (the
        // status table says which status). Citizens on other channels hear nothing new; a
        // rejected case's report was already returned, closed or answered by its rejection.
        if (e.status() == CaseStatus.ARCHIVED && e.from() == CaseStatus.RESOLVED) {
          laporOnly(out, "CLOSING", "closed", values, address(null, view));
        }
      }
      case CaseEvent.CaseReopened e -> {
        // The agency works on a LAPOR! report again: a follow-up says so (and the status table
        // sets the report's status back). Other channels keep their behaviour: no message.
        values.put("reason", e.reason());
        laporOnly(out, "REOPENED", "reopened", values, address(null, view));
      }
      case CaseEvent.CaseAnswered e -> {
        values.put("answer", e.text());
        List<ReplyAddress> to = with(address(e.replyAddress(), view), e.alsoNotify());
        out.add(notice(Audience.CITIZEN, "ANSWER", "answer", values, Delivery.WRITTEN, to, null));
      }
      case CaseEvent.CaseResolved e -> {
        values.put("summary", summary(e, agency, language));
        List<ReplyAddress> to = with(address(e.replyAddress(), view), e.alsoNotify());
        ReplyAddress own = address(e.replyAddress(), view);
        if (beritaAcara(e, own, values, agency, language)) {
          // The reporter's resolution carries the berita acara's link (docs/adr/0055); the
          // reporters of merged cases get the resolution without it.
          out.add(
              notice(
                  Audience.CITIZEN,
                  "RESOLUTION",
                  "resolved+beritaAcara",
                  values,
                  Delivery.WRITTEN,
                  List.of(own),
                  null));
          to = to.stream().filter(a -> !a.equals(own)).toList();
        }
        if (!to.isEmpty()) {
          out.add(
              notice(
                  Audience.CITIZEN, "RESOLUTION", "resolved", values, Delivery.WRITTEN, to, null));
        }
        // LAPOR! publishes what it gets and rates the follow-up itself: no survey there.
        if (own != null && own.channel() != Channel.LAPOR && own.channel() != Channel.FRONT_DESK) {
          out.add(
              new Notice(
                  "survey",
                  Audience.CITIZEN,
                  "SURVEY",
                  "survey",
                  values,
                  Delivery.AUTOMATIC.automatic(),
                  Delivery.AUTOMATIC.urgent(),
                  agency.rules().notifications().surveyDelay(),
                  List.of(own),
                  null));
        }
      }
      case CaseEvent.CaseDeadlineExtended e -> {
        values.put("reason", e.reason());
        citizen(
            out,
            "STATUS",
            "deadlineExtended",
            values,
            Delivery.WRITTEN,
            address(e.replyAddress(), view),
            null);
      }
      case CaseEvent.CaseDispositioned e when e.handled() -> {
        // The head's disposition (docs/adr/0051): how, when and where or by what the complaint is
        // handled. One that does not handle it is told by the rejection that follows it.
        boolean faceToFace = CaseEvent.CaseDispositioned.FACE_TO_FACE.equals(e.mode());
        values.put(
            "time", e.scheduledAt() == null ? "-" : dateTime(e.scheduledAt(), agency.timeZone()));
        values.put("place", e.place() == null ? "-" : e.place());
        values.put("method", e.method() == null ? "-" : e.method());
        citizen(
            out,
            "STATUS",
            faceToFace ? "dispositionFaceToFace" : "dispositionOnline",
            values,
            Delivery.WRITTEN,
            address(e.replyAddress(), view),
            null);
      }
      case CaseEvent.CaseStatusRequested e -> {
        // The citizen asked how their case stands (docs/adr/0053): answered at once, quoting the
        // question; only their own cases are listed, anyone else hears "not found".
        String template;
        if (e.found()) {
          values.put("cases", statusLines(e.cases(), agency, language));
          template = "statusAnswer";
        } else if (e.askedTicket() != null) {
          values.put("ticket", e.askedTicket());
          template = "statusNotFound";
        } else {
          template = "statusNoneOpen";
        }
        citizen(out, "STATUS", template, values, Delivery.REPLY, e.replyAddress(), e.messageId());
      }
      case CaseEvent.CaseRejected e when REDISPOSITIONED.equals(e.reasonCode()) -> {
        // LAPOR! itself moved the report to another agency: nothing to tell on a report that is
        // no longer ours; the reporter follows it in LAPOR!.
      }
      case CaseEvent.CaseRejected e -> {
        values.put("reason", e.reason());
        // Carried to the adapter (OutboundMessage.reasonCode): LAPOR! returns a report that is not
        // the agency's authority, and closes one rejected for another reason.
        values.put(REASON_CODE, e.reasonCode());
        citizen(
            out,
            "REJECTION",
            "rejected",
            values,
            Delivery.WRITTEN,
            address(e.replyAddress(), view),
            null);
      }
      default -> {}
    }
    return combined(out);
  }

  /**
   * What the events of one case decided at the same moment cause (e.g. a case opened and, by the
   * intake check, asked for a missing document at once): {@link #forCase} for each, then every
   * notice for the same recipient combined into one message (the acknowledgement and the
   * information request go out as one text).
   *
   * @param events the case's events of one moment, in their order on the topic
   */
  public static List<Notice> forMoment(
      List<CaseEvent> events, @Nullable CaseView view, Agency agency) {
    List<Notice> all = new ArrayList<>();
    for (CaseEvent event : events) {
      all.addAll(forCase(event, view, agency));
    }
    return combined(all);
  }

  /**
   * What a {@code CaseOpened} causes together with the request its intake check made at the same
   * moment ({@code intakeCheck}, carried on the event): one message with the acknowledgement and
   * what is missing or invalid ({@link #forMoment}). The request's own {@code InformationRequested}
   * ({@code announcedWith} this event) then tells nobody. Without an intake check, as {@link
   * #forCase}.
   */
  public static List<Notice> forOpening(
      CaseEvent.CaseOpened opened, @Nullable CaseView view, Agency agency) {
    CaseEvent.IntakeCheck check = opened.intakeCheck();
    if (check == null) {
      return forCase(opened, view, agency);
    }
    CaseEvent.InformationRequested asked =
        new CaseEvent.InformationRequested(
            check.requestEventId(),
            opened.occurredAt(),
            opened.caseId(),
            opened.ticket(),
            opened.agencyCode(),
            CaseStatus.INCOMPLETE,
            check.missing(),
            opened.replyAddress(),
            SYSTEM,
            check.invalid());
    // The request is read in the opening's language: the view may not know it yet.
    return forMoment(List.of(opened, asked), inLanguageOf(opened, view), agency);
  }

  private static CaseView inLanguageOf(CaseEvent.CaseOpened opened, @Nullable CaseView view) {
    if (view == null) {
      return new CaseView(
          opened.caseId(),
          opened.ticket(),
          opened.agencyCode(),
          opened.language(),
          opened.status(),
          null,
          null,
          opened.replyAddress(),
          opened.replyAddress() == null ? List.of() : List.of(opened.replyAddress()),
          opened.sourceMessageId(),
          null,
          false);
    }
    return view.language().equals(opened.language())
        ? view
        : new CaseView(
            view.caseId(),
            view.ticket(),
            view.agencyCode(),
            opened.language(),
            view.status(),
            view.division(),
            view.officer(),
            view.preferred(),
            view.known(),
            view.sourceMessageId(),
            view.deadline(),
            view.late());
  }

  /**
   * Notices for the same recipients (same key, audience, addresses and delay: a survey after a
   * resolution stays its own) as one notice, in the order of the first: its purpose and quoted
   * message; the templates joined by {@code +} (one text: Bahasa Indonesia, or English where the
   * citizen chose it); the values of all (earlier ones win); automatic only if all are, urgent if
   * any is (one part that must go at once takes the rest with it). Notices without a recipient are
   * dropped.
   */
  static List<Notice> combined(List<Notice> notices) {
    Map<List<Object>, Notice> byRecipients = new LinkedHashMap<>();
    for (Notice n : notices) {
      if (n.to().isEmpty()) {
        continue;
      }
      byRecipients.merge(List.of(n.key(), n.audience(), n.to(), n.delay()), n, Decisions::combine);
    }
    return List.copyOf(byRecipients.values());
  }

  private static Notice combine(Notice first, Notice next) {
    Map<String, String> values = new HashMap<>(next.values());
    values.putAll(first.values());
    return new Notice(
        first.key(),
        first.audience(),
        first.purpose(),
        first.template() + "+" + next.template(),
        values,
        first.automatic() && next.automatic(),
        first.urgent() || next.urgent(),
        first.delay(),
        first.to(),
        first.replyTo() != null ? first.replyTo() : next.replyTo());
  }

  /** What a deadline event causes: alerts to officers, coordinators and heads. */
  public static List<Notice> forSla(SlaEvent event, @Nullable CaseView view, Agency agency) {
    Map<String, String> values = new HashMap<>();
    values.put("ticket", event.ticket());
    values.put("agency", agency.name());
    List<Notice> out = new ArrayList<>();
    Agency.Contacts contacts = agency.rules().notifications().contacts();
    String firstRole =
        agency.rules().escalation().isEmpty()
            ? "COORDINATOR"
            : agency.rules().escalation().getFirst();
    switch (event) {
      case SlaEvent.SlaWarning e -> {
        values.put("percent", String.valueOf(Math.round(e.fraction() * 100)));
        values.put("deadline", dateTime(e.deadline(), agency.timeZone()));
        // The warning's division when the SLA service sends one, else the case's as last routed.
        String division =
            e.division() != null ? e.division() : view == null ? null : view.division();
        Set<String> to = new LinkedHashSet<>(divisionContacts(division, agency));
        if (view != null
            && view.officer() != null
            && contacts.officers().containsKey(view.officer())) {
          to.add(contacts.officers().get(view.officer()));
        }
        if (to.isEmpty()) {
          to.addAll(contacts.role(firstRole));
        }
        staff(out, "slaWarning", values, Delivery.AUTOMATIC, List.copyOf(to), agency);
      }
      case SlaEvent.SlaBreached e -> {
        values.put("deadline", dateTime(e.deadline(), agency.timeZone()));
        String division =
            e.division() != null ? e.division() : view == null ? null : view.division();
        Set<String> to = new LinkedHashSet<>(contacts.role(firstRole));
        to.addAll(divisionContacts(division, agency));
        staff(out, "slaBreached", values, Delivery.URGENT, List.copyOf(to), agency);
      }
      case SlaEvent.SlaEscalated e -> {
        String role = e.role().toUpperCase(Locale.ROOT);
        values.put("deadline", dateTime(e.deadline(), agency.timeZone()));
        values.put("level", String.valueOf(e.level()));
        values.put("role", role);
        staff(out, "slaEscalated", values, Delivery.URGENT, contacts.role(role), agency);
      }
      default -> {}
    }
    return combined(out);
  }

  /**
   * The alert to the case's officer (else division, else first role) when a citizen is unreachable.
   */
  public static List<Notice> undeliverable(CaseView view, Channel failed, Agency agency) {
    Agency.Contacts contacts = agency.rules().notifications().contacts();
    List<String> to = new ArrayList<>();
    if (view.officer() != null && contacts.officers().containsKey(view.officer())) {
      to.add(contacts.officers().get(view.officer()));
    } else {
      to.addAll(divisionContacts(view.division(), agency));
    }
    if (to.isEmpty() && !agency.rules().escalation().isEmpty()) {
      to.addAll(contacts.role(agency.rules().escalation().getFirst()));
    }
    Map<String, String> values =
        Map.of("ticket", view.ticket(), "agency", agency.name(), "channel", failed.name());
    List<Notice> out = new ArrayList<>();
    staff(out, "undeliverable", values, Delivery.URGENT, to, agency);
    return out;
  }

  /** Staff are reached by email from the agency's first mailbox; none without a mailbox. */
  public static List<ReplyAddress> staffAddresses(List<String> emails, Agency agency) {
    if (agency.channels().mailboxes().isEmpty()) {
      return List.of();
    }
    String from = agency.channels().mailboxes().getFirst();
    return emails.stream().distinct().map(e -> new ReplyAddress(Channel.EMAIL, from, e)).toList();
  }

  static String dateTime(Instant at, ZoneId zone) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(at)
        + " "
        + zoneName(zone);
  }

  static String date(Instant at, ZoneId zone) {
    return DateTimeFormatter.ISO_LOCAL_DATE.withZone(zone).format(at);
  }

  private static String zoneName(ZoneId zone) {
    return switch (zone.getId()) {
      case "Asia/Jakarta", "Asia/Pontianak" -> "WIB";
      case "Asia/Makassar" -> "WITA";
      case "Asia/Jayapura" -> "WIT";
      default -> zone.getId();
    };
  }

  /**
   * A citizen notice that only a LAPOR! report receives (its follow-ups are the agency's record).
   */
  private static void laporOnly(
      List<Notice> out,
      String purpose,
      String template,
      Map<String, String> values,
      @Nullable ReplyAddress to) {
    if (to != null && to.channel() == Channel.LAPOR) {
      citizen(out, purpose, template, values, Delivery.WRITTEN, to, null);
    }
  }

  private static void citizen(
      List<Notice> out,
      String purpose,
      String template,
      Map<String, String> values,
      Delivery delivery,
      @Nullable ReplyAddress to,
      @Nullable String replyTo) {
    if (to == null || to.channel() == Channel.FRONT_DESK) {
      return;
    }
    out.add(notice(Audience.CITIZEN, purpose, template, values, delivery, List.of(to), replyTo));
  }

  private static void staff(
      List<Notice> out,
      String template,
      Map<String, String> values,
      Delivery delivery,
      List<String> emails,
      Agency agency) {
    out.add(
        notice(
            Audience.STAFF,
            "OFFICER_ALERT",
            template,
            values,
            delivery,
            staffAddresses(emails, agency),
            null));
  }

  private static Notice notice(
      Audience audience,
      String purpose,
      String template,
      Map<String, String> values,
      Delivery delivery,
      List<ReplyAddress> to,
      @Nullable String replyTo) {
    return new Notice(
        "",
        audience,
        purpose,
        template,
        values,
        delivery.automatic(),
        delivery.urgent(),
        Duration.ZERO,
        to,
        replyTo);
  }

  private static List<ReplyAddress> with(@Nullable ReplyAddress first, List<ReplyAddress> more) {
    Set<ReplyAddress> all = new LinkedHashSet<>();
    if (first != null) {
      all.add(first);
    }
    all.addAll(more);
    return all.stream().filter(a -> a.channel() != Channel.FRONT_DESK).toList();
  }

  private static @Nullable ReplyAddress address(
      @Nullable ReplyAddress own, @Nullable CaseView view) {
    return own != null ? own : view == null ? null : view.preferred();
  }

  private static String language(CaseEvent event, @Nullable CaseView view, Agency agency) {
    if (event instanceof CaseEvent.CaseOpened o) {
      return o.language();
    }
    if (event instanceof CaseEvent.CaseStatusRequested s) {
      return s.language();
    }
    return view != null ? view.language() : agency.language();
  }

  private static String missing(List<String> ids, Agency agency, String language) {
    return ids.stream()
        .map(
            id ->
                agency.rules().intake().stream()
                    .filter(r -> r.id().equals(id))
                    .findFirst()
                    .map(r -> r.label().in(language))
                    .orElse(id))
        .collect(Collectors.joining(", "));
  }

  /** One line per case of a status answer: ticket, state, received, the next deadline if any. */
  private static String statusLines(
      List<CaseEvent.StatusLine> lines, Agency agency, String language) {
    return lines.stream()
        .map(
            l -> {
              Map<String, String> v = new HashMap<>();
              v.put("ticket", l.ticket());
              v.put("state", Texts.state(l.status(), language));
              v.put("received", date(l.receivedAt(), agency.timeZone()));
              v.put(
                  "deadline",
                  l.nextDeadline() == null
                      ? ""
                      : Texts.fill(
                          agency,
                          "statusDeadline",
                          language,
                          Map.of("date", date(l.nextDeadline(), agency.timeZone()))));
              return Texts.fill(agency, "statusLine", language, v);
            })
        .collect(Collectors.joining("\n"));
  }

  /**
   * Puts the berita acara's link in {@code values} when the resolution carries one for the reporter
   * (the agency sends it, docs/adr/0055) and the reporter is reached on a private channel: not on
   * SP4N-LAPOR!, which publishes what it gets. English readers get the English rendering.
   */
  private static boolean beritaAcara(
      CaseEvent.CaseResolved e,
      @Nullable ReplyAddress own,
      Map<String, String> values,
      Agency agency,
      String language) {
    CaseEvent.DocumentLink link = e.beritaAcara();
    if (link == null
        || own == null
        || own.channel() == Channel.LAPOR
        || own.channel() == Channel.FRONT_DESK) {
      return false;
    }
    values.put("beritaAcaraUrl", link.url() + ("en".equals(language) ? "?lang=en" : ""));
    values.put("beritaAcaraUntil", date(link.expiresAt(), agency.timeZone()));
    return true;
  }

  private static String summary(CaseEvent.CaseResolved e, Agency agency, String language) {
    String summary = e.summary().strip();
    if (summary.endsWith(".")) {
      summary = summary.substring(0, summary.length() - 1);
    }
    if (e.record() == null) {
      return summary;
    }
    String record =
        Texts.fill(
            agency,
            "resolutionRecord",
            language,
            Map.of(
                "ticket", e.ticket(),
                "done", e.record().whatWasDone().strip(),
                "date", date(e.record().doneAt(), agency.timeZone())));
    return summary
        + ". "
        + (record.endsWith(".") ? record.substring(0, record.length() - 1) : record);
  }

  private static String divisionName(String code, Agency agency) {
    return agency.rules().division(code).map(Agency.Division::name).orElse(code);
  }

  private static List<String> divisionContacts(@Nullable String division, Agency agency) {
    return agency.rules().notifications().contacts().division(division);
  }
}
