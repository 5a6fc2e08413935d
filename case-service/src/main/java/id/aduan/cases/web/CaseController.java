package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.application.CaseNotFoundException;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.Attachments;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.persistence.FileKind;
import id.aduan.cases.pii.PersonalDataAudit;
import id.aduan.cases.security.Caller;
import id.aduan.cases.security.ForbiddenException;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The officer API over cases ({@code /api/v1/cases}): the list with filters and paging, one case,
 * its files, and its personal data in clear. Every read is scoped in the query to the caller's
 * agency, and to their division for a division officer; any other case is 404.
 */
@RestController
@RequestMapping("/api/v1/cases")
@Validated
class CaseController {

  static final String TICKET = "[A-Z]{2,10}-\\d{4}-\\d{6}";

  private final Cases cases;
  private final Officer officer;
  private final Attachments attachments;
  private final PersonalDataAudit audit;
  private final CaseFilters filters;
  private final MeterRegistry meters;

  CaseController(
      Cases cases,
      Officer officer,
      Attachments attachments,
      PersonalDataAudit audit,
      CaseFilters filters,
      MeterRegistry meters) {
    this.cases = cases;
    this.officer = officer;
    this.attachments = attachments;
    this.audit = audit;
    this.filters = filters;
    this.meters = meters;
  }

  /** One line of the case list. */
  record CaseSummary(
      String ticket,
      CaseStatus status,
      String caseType,
      Channel channel,
      String intakeMode,
      Instant receivedAt,
      @Nullable String topic,
      @Nullable String division,
      @Nullable String assignee,
      boolean anonymous,
      boolean confidential,
      Map<String, CaseState.Deadline> deadlines,
      long version,
      boolean unsure) {

    static CaseSummary of(VersionedCase d) {
      return new CaseSummary(
          d.state().ticket(),
          d.state().status(),
          d.state().caseType().name(),
          d.state().channel(),
          d.state().intakeMode(),
          d.state().receivedAt(),
          d.state().topic(),
          d.state().division(),
          d.state().assignee(),
          d.state().anonymous(),
          d.state().confidential(),
          d.state().deadlines(),
          d.version(),
          d.state().proposal() != null && d.state().proposal().unsure());
    }
  }

  record CasePage(List<CaseSummary> items, int page, int size, long total) {}

  /**
   * The cases the caller may see, newest received first. {@code q} searches tickets, topics,
   * message texts and front-desk descriptions; {@code nik} and {@code phone} find cases by exact
   * value through keyed hashes (the values are never stored in clear).
   */
  @GetMapping
  CasePage list(
      @RequestParam(required = false) @Nullable List<CaseStatus> status,
      @RequestParam(required = false) @Nullable @Pattern(regexp = "[A-Z0-9_]{1,40}")
          String division,
      @RequestParam(required = false)
          @Nullable
          @Pattern(regexp = "RUNNING|PAUSED|WARNING|BREACHED|MET|STOPPED_LATE")
          String slaState,
      @RequestParam(required = false) @Nullable Channel channel,
      @RequestParam(required = false) @Nullable @Pattern(regexp = "[A-Z]{2,10}") String agency,
      @RequestParam(required = false) @Nullable Instant receivedFrom,
      @RequestParam(required = false) @Nullable Instant receivedTo,
      @RequestParam(required = false) @Nullable @Size(max = 100) String assignee,
      @RequestParam(required = false)
          @Nullable
          @Size(max = 200)
          @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
          String q,
      @RequestParam(defaultValue = "false") boolean unsure,
      @RequestParam(required = false) @Nullable @Pattern(regexp = "[0-9 .\\-]{16,19}") String nik,
      @RequestParam(required = false) @Nullable @Pattern(regexp = "\\+?[0-9 \\-]{8,20}")
          String phone,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
      Principal principal) {
    Caller caller = officer.allowed(principal, "read");
    if (agency != null && !agency.equals(caller.agencyCode())) {
      // Another agency's cases do not exist for this caller.
      return new CasePage(List.of(), page, size, 0);
    }
    Agency a = officer.agencyOf(caller);
    Cases.Filter filter =
        filters.of(
            caller,
            a,
            status,
            division,
            slaState,
            channel,
            receivedFrom,
            receivedTo,
            assignee,
            q,
            unsure,
            nik,
            phone);
    Cases.Found found = cases.search(Officer.scope(caller), filter, page, size);
    return new CasePage(
        found.cases().stream().map(c -> CaseSummary.of(c.versioned())).toList(),
        page,
        size,
        found.total());
  }

  /** One case; its version is also the ETag an action may send back as {@code If-Match}. */
  @GetMapping("/{ticket}")
  ResponseEntity<CaseView> byTicket(
      @PathVariable @Pattern(regexp = TICKET) String ticket, Principal principal) {
    Caller caller = officer.allowed(principal, "read");
    CaseView view = CaseView.of(officer.visible(caller, ticket), officer.agencyOf(caller));
    return ResponseEntity.ok().eTag(Long.toString(view.version())).body(view);
  }

  /**
   * A file of the case, by the id in its {@code href} (the adapter's GridFS id). Authorized like
   * the case itself, and read only from the case's agency; served where the channel's file store is
   * reachable, else 404 with the reference an operator needs (docs/adr/0021). Always a download,
   * unless {@code disposition=inline} asks for a preview and the bytes are a passive image (PNG,
   * JPEG, GIF, WebP); served as what the bytes are, never as the type the sender declared, and
   * sandboxed (docs/adr/0028).
   */
  @GetMapping("/{ticket}/attachments/{attachmentId}")
  ResponseEntity<byte[]> attachment(
      @PathVariable @Pattern(regexp = TICKET) String ticket,
      @PathVariable @Size(max = 200) String attachmentId,
      @RequestParam(defaultValue = "attachment") @Pattern(regexp = "attachment|inline")
          String disposition,
      Principal principal) {
    Caller caller = officer.allowed(principal, "read");
    VersionedCase doc = officer.visible(caller, ticket);
    StoredFile found =
        storedFile(doc.state(), attachmentId)
            .orElseThrow(() -> new CaseNotFoundException(ticket + " attachment " + attachmentId));
    Attachments.File file =
        found
            .read()
            .get()
            .orElseThrow(
                () ->
                    new AttachmentUnavailableException(
                        ticket, attachmentId, found.message().channel()));
    FileKind kind = FileKind.sniff(file.bytes());
    boolean inline = "inline".equals(disposition) && kind.previewable();
    String declared = found.declaredType() != null ? found.declaredType() : file.mediaType();
    meters
        .counter(
            "aduan.attachments.served",
            "disposition",
            inline ? "inline" : "attachment",
            "kind",
            kind.tag(),
            "declared_active",
            Boolean.toString(FileServing.declaredActive(declared)))
        .increment();
    String name =
        FileServing.safeFileName(found.fileName() != null ? found.fileName() : file.fileName());
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(kind.mediaType()))
        .cacheControl(CacheControl.noStore())
        .header("Content-Disposition", FileServing.contentDisposition(inline, name))
        .header("Content-Security-Policy", FileServing.CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Cross-Origin-Resource-Policy", "same-origin")
        .body(file.bytes());
  }

  /** A file named on the case, with how to read it. */
  private record StoredFile(
      CaseState.Message message,
      @Nullable String fileName,
      @Nullable String declaredType,
      Supplier<Optional<Attachments.File>> read) {}

  /**
   * The file with this id on the case: a file recorded with its storage reference is found by that
   * reference alone; a message kept before references were recorded names its files by the
   * adapter's attachment id (docs/adr/0028).
   */
  private Optional<StoredFile> storedFile(CaseState state, String id) {
    for (CaseState.Message m : state.messages()) {
      for (CaseState.FileInfo f : m.files()) {
        if (id.equals(f.storageRef())) {
          return Optional.of(
              new StoredFile(
                  m,
                  f.fileName(),
                  f.mediaType(),
                  () -> attachments.read(m.channel(), state.agencyCode(), f)));
        }
      }
    }
    for (CaseState.Message m : state.messages()) {
      boolean legacy = m.files().stream().allMatch(f -> f.storageRef() == null);
      int index = m.attachmentIds().indexOf(id);
      if (legacy && index >= 0 && m.providerMessageId() != null) {
        CaseState.FileInfo f =
            m.files().size() == m.attachmentIds().size() ? m.files().get(index) : null;
        return Optional.of(
            new StoredFile(
                m,
                f == null ? null : f.fileName(),
                f == null ? null : f.mediaType(),
                () ->
                    attachments.readLegacy(
                        m.channel(), state.agencyCode(), m.providerMessageId(), id)));
      }
    }
    return Optional.empty();
  }

  /** The reporter's personal data in clear, for the roles that need it. Every read is audited. */
  record PersonalData(
      String ticket,
      @Nullable String name,
      @Nullable String nik,
      @Nullable String address,
      @Nullable String phone,
      @Nullable String email,
      @Nullable String contactChannel,
      @Nullable String contact,
      boolean anonymous,
      boolean confidential,
      String auditId) {}

  @GetMapping("/{ticket}/personal-data")
  PersonalData personalData(
      @PathVariable @Pattern(regexp = TICKET) String ticket,
      @RequestParam @Size(min = 3, max = 200) String purpose,
      Principal principal) {
    Caller caller = officer.allowed(principal, "read-personal-data");
    VersionedCase doc = officer.visible(caller, ticket);
    if (doc.state().anonymous() && !caller.may("read-anonymous-identity")) {
      throw new ForbiddenException("read an anonymous reporter's identity", caller.role());
    }
    Map<String, String> form = doc.state().form();
    Map<String, String> shown = new LinkedHashMap<>();
    put(
        shown,
        "name",
        doc.state().citizenName() != null ? doc.state().citizenName() : form.get("name"));
    put(shown, "nik", form.get("nik"));
    put(shown, "address", form.get("address"));
    put(shown, "phone", form.get("phone"));
    put(shown, "email", form.get("email"));
    put(
        shown,
        "contact",
        doc.state().replyAddress() == null ? null : doc.state().replyAddress().recipientId());
    // Audited before anything is returned: a failed audit write returns nothing.
    PersonalDataAudit.Access access =
        audit.record(
            caller.username(),
            caller.role().name(),
            caller.agencyCode(),
            ticket,
            List.copyOf(shown.keySet()),
            purpose);
    return new PersonalData(
        ticket,
        shown.get("name"),
        shown.get("nik"),
        shown.get("address"),
        shown.get("phone"),
        shown.get("email"),
        doc.state().replyAddress() == null ? null : doc.state().replyAddress().channel().name(),
        shown.get("contact"),
        doc.state().anonymous(),
        doc.state().confidential(),
        access.id());
  }

  /** Who read personal data in clear: one case's reads, for the admin and the head. */
  @GetMapping("/{ticket}/personal-data/reads")
  List<PersonalDataAudit.Access> personalDataReads(
      @PathVariable @Pattern(regexp = TICKET) String ticket, Principal principal) {
    Caller caller = officer.allowed(principal, "read-audit");
    officer.visible(caller, ticket);
    return audit.of(caller.agencyCode(), ticket, 500);
  }

  private static void put(Map<String, String> map, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }
}
