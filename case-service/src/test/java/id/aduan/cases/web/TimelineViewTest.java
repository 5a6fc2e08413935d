package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.Case;
import id.aduan.cases.domain.CaseState;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The officer reads the timeline and the classification's explanation in their language (issue 23):
 * the domain's own entries become values (no system-made English sentence is passed on as a note),
 * and the officer UI's dictionaries have an Indonesian and an English label for every kind of
 * entry, every state, every rejection and every invalid-data code the API gives.
 */
class TimelineViewTest {

  private static final Agency BDG = AgencyCatalog.bundled().byCode("BDG").orElseThrow();
  private static final Instant AT = Instant.parse("2026-03-17T02:15:30Z");
  private static final Path I18N = Path.of("src/main/resources/static/assets/i18n.js");

  /** A BDG case through its whole life, by the domain itself, with every system-made entry. */
  private static List<AuditEntry> wholeLife() {
    CaseState.Builder state =
        CaseState.received(
            "BDG-2026-000001", "BDG", CaseType.COMPLAINT, Channel.WHATSAPP, "ONLINE", AT, AT);
    state.slaClass = "STANDARD";
    Case c = new Case("c-1", state.build());
    c.requestInformation(List.of("kk", "ktp"), List.of("nik:birth-date"), "system", null, AT);
    c.markComplete("bdg.admin", "Fotokopi KK diperiksa di loket", AT);
    c.verify("bdg.admin", null, AT);
    c.classify(BDG, CaseType.COMPLAINT, "STANDARD", "PKH", "bdg.admin", AT);
    c.route(BDG, "LINJAMSOS", "bdg.admin", AT);
    c.startProgress("bdg.linjamsos", null, AT);
    c.answer("PKH akan cair bulan depan", "bdg.linjamsos", AT);
    c.reopen(Case.CITIZEN_REPLIED, "citizen", AT);
    c.answer("PKH sudah cair", "bdg.linjamsos", AT);
    c.resolve(
        new CaseEvent.ResolutionRecord(
            "Pengajuan ulang PKH", List.of("bdg.linjamsos"), AT, List.of(), "WHATSAPP", null),
        "PKH dicairkan",
        "bdg.linjamsos",
        AT);
    c.noteMention(Case.MENTIONED, "BDG-2026-000002", AT);
    List<AuditEntry> all = new ArrayList<>(c.audit());
    CaseState.Builder other =
        CaseState.received(
            "BDG-2026-000003", "BDG", CaseType.COMPLAINT, Channel.WHATSAPP, "ONLINE", AT, AT);
    Case rejected = new Case("c-3", other.build());
    rejected.reject("NOT_AUTHORITY", "Urusan Dinas Kesehatan", "bdg.admin", AT);
    all.addAll(rejected.audit());
    return all;
  }

  @Test
  void everyEntryTheDomainWritesHasItsKindAndNoSystemSentenceAsNote() {
    List<TimelineView.Entry> entries = TimelineView.of(wholeLife(), BDG);

    assertThat(entries)
        .extracting(TimelineView.Entry::kind)
        .doesNotContain(TimelineView.Kind.OTHER);
    TimelineView.Entry requested = only(entries, TimelineView.Kind.INFORMATION_REQUESTED);
    assertThat(requested.note()).isNull();
    assertThat(requested.details().missing())
        .containsExactly(
            new TimelineView.Label(
                "kk", "fotokopi Kartu Keluarga (KK)", "a copy of the family card (KK)"),
            new TimelineView.Label(
                "ktp",
                "fotokopi KTP atau NIK yang valid",
                "a copy of the identity card (KTP) or a valid NIK"));
    assertThat(requested.details().invalid()).containsExactly("nik:birth-date");

    TimelineView.Entry classified = only(entries, TimelineView.Kind.CLASSIFIED);
    assertThat(classified.note()).isNull();
    assertThat(classified.details().caseType()).isEqualTo("COMPLAINT");
    assertThat(classified.details().slaClass()).isEqualTo("STANDARD");

    TimelineView.Entry routed = only(entries, TimelineView.Kind.ROUTED);
    assertThat(routed.note()).isNull();
    assertThat(routed.details().division().code()).isEqualTo("LINJAMSOS");
    assertThat(routed.details().division().id()).isNotEqualTo("LINJAMSOS");

    TimelineView.Entry reopened = only(entries, TimelineView.Kind.REOPENED);
    assertThat(reopened.note()).isNull();
    assertThat(reopened.details().code()).isEqualTo("citizen-replied");

    TimelineView.Entry mentioned = only(entries, TimelineView.Kind.MENTIONED);
    assertThat(mentioned.note()).isNull();
    assertThat(mentioned.details().ticket()).isEqualTo("BDG-2026-000002");

    TimelineView.Entry rejected = only(entries, TimelineView.Kind.REJECTED);
    assertThat(rejected.details().rejectionCode()).isEqualTo("NOT_AUTHORITY");
    assertThat(rejected.note()).isEqualTo("Urusan Dinas Kesehatan");

    // What people wrote stays theirs; nothing else reaches the officer as text.
    assertThat(only(entries, TimelineView.Kind.RESOLVED).note()).isEqualTo("PKH dicairkan");
    assertThat(entries)
        .extracting(TimelineView.Entry::note)
        .filteredOn(n -> n != null)
        .allSatisfy(
            n ->
                assertThat(n)
                    .doesNotContain(
                        "missing [", "invalid [", "COMPLAINT/", "replied to the answer"));
  }

  @Test
  void theClassificationsExplanationIsPartsNotRunOnSentences() {
    List<TimelineView.ExplanationPart> parts =
        TimelineView.explanation("LINJAMSOS", wholeLife(), BDG);

    assertThat(parts)
        .extracting(TimelineView.ExplanationPart::kind)
        .containsExactly("suggested", "classified", "routed");
    assertThat(parts.get(0).division().code()).isEqualTo("LINJAMSOS");
    assertThat(parts.get(1).actor()).isEqualTo("bdg.admin");
    assertThat(parts.get(1).caseType()).isEqualTo("COMPLAINT");
    assertThat(parts.get(2).division().code()).isEqualTo("LINJAMSOS");
  }

  @Test
  void anUnknownActionIsOtherAndKeepsItsMaskedText() {
    TimelineView.Entry e =
        TimelineView.entry(
            new AuditEntry(
                AT, "system", "something-new", null, CaseStatus.RECEIVED, "NIK 3273014101900001"),
            BDG);
    assertThat(e.kind()).isEqualTo(TimelineView.Kind.OTHER);
    assertThat(e.note()).doesNotContain("3273014101900001");
  }

  @Test
  void theOfficerUiHasAnIndonesianAndAnEnglishLabelForEveryValueTheApiGives() throws IOException {
    String js = Files.readString(I18N, StandardCharsets.UTF_8);
    int en = js.indexOf("\n  en: {");
    assertThat(en).isPositive();
    Set<String> id = keys(js.substring(0, en));
    Set<String> english = keys(js.substring(en));

    Set<String> needed = new LinkedHashSet<>();
    for (TimelineView.Kind kind : TimelineView.Kind.values()) {
      needed.add("tl." + kind.name());
    }
    for (CaseStatus status : CaseStatus.values()) {
      needed.add("status." + status.name());
    }
    for (CaseType type : CaseType.values()) {
      needed.add("type." + type.name());
    }
    for (String code : Case.REJECTION_CODES) {
      needed.add("rejection." + code);
    }
    needed.add("rejection." + Case.REDISPOSITIONED);
    needed.add("rejection.EXEMPT_INFORMATION");
    for (String code : List.of("nik:length", "nik:region", "nik:birth-date", "nik:serial")) {
      needed.add("invalid." + code);
    }
    for (String kind : List.of("suggested", "classified", "routed")) {
      needed.add("explain." + kind);
    }
    needed.add("tl.code.citizen-replied");
    for (String actor : List.of("system", "citizen", "classifier")) {
      needed.add("actor." + actor);
    }

    assertThat(id).containsAll(needed);
    assertThat(english).containsAll(needed);
  }

  private static Set<String> keys(String dictionary) {
    Set<String> keys = new LinkedHashSet<>();
    Matcher m = Pattern.compile("^\\s+'([^']+)':", Pattern.MULTILINE).matcher(dictionary);
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  private static TimelineView.Entry only(List<TimelineView.Entry> entries, TimelineView.Kind kind) {
    List<TimelineView.Entry> found = entries.stream().filter(e -> e.kind() == kind).toList();
    assertThat(found).as(kind.name()).hasSize(1);
    return found.getFirst();
  }
}
