package id.aduan.cases.web;

import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.persistence.PublishedFollowUps;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/v1/public/{agency}/follow-ups}: the follow-up results an agency publishes, for
 * anyone, without personal data. An agency that does not publish (its standard does not say so)
 * answers 404.
 */
@RestController
@Validated
@RequestMapping("/api/v1/public")
class PublicFollowUpsController {

  private final AgencyCatalog agencies;
  private final PublishedFollowUps published;

  PublicFollowUpsController(AgencyCatalog agencies, PublishedFollowUps published) {
    this.agencies = agencies;
    this.published = published;
  }

  @GetMapping("/{agency}/follow-ups")
  List<PublishedFollowUps.FollowUp> followUps(
      @PathVariable String agency,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    String code = agency.toUpperCase(java.util.Locale.ROOT);
    boolean publishes =
        agencies.byCode(code).map(a -> a.rules().aftercare().publishFollowUps()).orElse(false);
    if (!publishes) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "agency " + code + " publishes no follow-ups");
    }
    return published.ofAgency(code, page, size);
  }
}
