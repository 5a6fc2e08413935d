package id.aduan.cases.web;

import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.persistence.Communications;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/cases/{ticket}/communications}: every message the platform sent about the case
 * (acknowledgement, requests, answers, surveys; automatic or by an officer), on which channel, to
 * whom (masked) and what became of it (sent, delivered, read, failed with the provider's code).
 */
@RestController
@RequestMapping("/api/v1/cases")
class CommunicationsController {

  private final Communications communications;
  private final Officer officer;

  CommunicationsController(Communications communications, Officer officer) {
    this.communications = communications;
    this.officer = officer;
  }

  /** One message sent about the case, as officers see it. */
  record AttemptView(
      String outboundEventId,
      @Nullable String channel,
      @Nullable String purpose,
      boolean automatic,
      @Nullable String recipient,
      @Nullable Instant at,
      String status,
      List<Communications.Receipt> receipts) {}

  @GetMapping("/{ticket}/communications")
  List<AttemptView> communications(@PathVariable String ticket, Principal principal) {
    // Scoped as every case read: another agency's or division's case is 404.
    VersionedCase doc = officer.visible(officer.allowed(principal, "read"), ticket);
    return communications.ofCase(doc.id()).stream()
        .map(
            a ->
                new AttemptView(
                    a.id(),
                    a.channel() == null ? null : a.channel().name(),
                    a.purpose(),
                    a.automatic(),
                    a.recipient(),
                    a.at(),
                    a.status(),
                    a.receipts()))
        .toList();
  }
}
