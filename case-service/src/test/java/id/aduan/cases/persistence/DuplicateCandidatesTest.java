package id.aduan.cases.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.domain.Duplicates;
import id.aduan.cases.domain.IdentityKeys;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.mongodb.core.mapping.event.MongoMappingEvent;

/**
 * The duplicate check's candidates by key ({@link Cases#duplicateCandidates}) give the same
 * suspects as the full listing of the agency's open cases ({@link Cases#openSince}) over generated
 * complaints (similar and dissimilar texts, shared identity keys, closed cases, cases stored before
 * the keys existed), and their number does not grow with unrelated open cases
 * (docs/adr/0049-duplicate-candidates-by-key.md).
 */
class DuplicateCandidatesTest {

  private static final Agency BDG = AgencyCatalog.bundled().byCode("BDG").orElseThrow();
  private static final Instant NOW = Instant.parse("2026-03-17T02:15:30Z");
  private static final IdentityKeys IDENTITY = new IdentityKeys(IdentityKeys.UNKEYED_SHA256);

  private MongoTestDatabase db;
  private Cases cases;
  private boolean keyed = true;

  @BeforeEach
  void freshDatabase() {
    db = MongoTestDatabase.fresh("dupcheck");
    DuplicateKeys writer = new DuplicateKeys(IDENTITY);
    // As in the service: the template's mapping events reach the listener (unless a case is
    // stored "before the change", without keys).
    GenericApplicationContext context = new GenericApplicationContext();
    context.addApplicationListener(
        (ApplicationListener<MongoMappingEvent<?>>)
            e -> {
              if (keyed) {
                writer.onApplicationEvent(e);
              }
            });
    context.refresh();
    db.mongo().setApplicationContext(context);
    cases = TestCases.on(db.mongo(), context);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private record Complaint(Instant receivedAt, String text, Set<String> keys) {}

  private static String words(Random random, int n) {
    List<String> w = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      w.add("kata" + random.nextInt(3_000));
    }
    return String.join(" ", w);
  }

  private static String edited(Random random, String text, int changed) {
    List<String> w = new ArrayList<>(List.of(text.split(" ")));
    for (int i = 0; i < changed && i < w.size(); i++) {
      w.set(random.nextInt(w.size()), "baru" + random.nextInt(1_000_000));
    }
    Collections.shuffle(w, random);
    return String.join(" ", w);
  }

  private static Set<String> identity(Random random) {
    Set<String> keys = new LinkedHashSet<>();
    keys.add(IDENTITY.citizen(Channel.WHATSAPP, "62812" + random.nextInt(150)));
    if (random.nextInt(3) == 0) {
      keys.add(IDENTITY.nik("3273" + random.nextInt(100)));
    }
    if (random.nextInt(20) == 0) {
      keys.add("lapor:" + random.nextInt(10));
    }
    return keys;
  }

  private void store(int n, Complaint c, CaseStatus status) {
    CaseState.Builder s =
        CaseState.received(
            "BDG-2026-" + String.format("%06d", n),
            "BDG",
            CaseType.COMPLAINT,
            Channel.WHATSAPP,
            "ONLINE",
            c.receivedAt(),
            c.receivedAt());
    s.status = status;
    s.messages.add(
        new CaseState.Message(
            "m-" + n,
            Channel.WHATSAPP,
            "INBOUND",
            "wamid." + n,
            c.text(),
            c.receivedAt(),
            List.of(),
            List.of()));
    s.identityKeys = List.copyOf(c.keys());
    assertThat(cases.insert(CaseDocument.opened("c-" + n, s.build(), List.of()))).isTrue();
  }

  private static List<Duplicates.Suspect> suspects(Complaint c, List<CaseDocument> candidates) {
    return Duplicates.find(
        BDG,
        c.receivedAt(),
        c.text(),
        c.keys(),
        candidates.stream()
            .map(
                d ->
                    new Duplicates.Candidate(
                        d.id(),
                        d.state().ticket(),
                        d.state().channel(),
                        d.state().receivedAt(),
                        d.state().citizenText(),
                        Set.copyOf(d.state().identityKeys())))
            .toList());
  }

  private Instant since(Complaint c) {
    return c.receivedAt().minus(Duration.ofDays(BDG.rules().duplicates().windowDays()));
  }

  @Test
  void candidatesByKeyGiveTheSameSuspectsAsListingEveryOpenCase() {
    Random random = new Random(49);
    List<Complaint> stored = new ArrayList<>();
    for (int n = 0; n < 400; n++) {
      Complaint c;
      if (!stored.isEmpty() && random.nextInt(3) == 0) {
        Complaint base = stored.get(random.nextInt(stored.size()));
        Set<String> keys = random.nextBoolean() ? base.keys() : identity(random);
        c =
            new Complaint(
                NOW.minus(Duration.ofHours(random.nextInt(24 * 20))),
                edited(random, base.text(), random.nextInt(12)),
                keys);
      } else {
        c =
            new Complaint(
                NOW.minus(Duration.ofHours(random.nextInt(24 * 20))),
                words(random, 8 + random.nextInt(40)),
                identity(random));
      }
      stored.add(c);
      // A quarter stored as before the change (no keys), some closed.
      keyed = n % 4 != 0;
      store(n, c, random.nextInt(8) == 0 ? CaseStatus.RESOLVED : CaseStatus.RECEIVED);
    }
    keyed = true;

    int flagged = 0;
    int byText = 0;
    for (int i = 0; i < 300; i++) {
      Complaint base = stored.get(random.nextInt(stored.size()));
      Complaint probe =
          switch (i % 3) {
            case 0 ->
                new Complaint(
                    NOW, edited(random, base.text(), random.nextInt(3)), identity(random));
            case 1 ->
                new Complaint(NOW, edited(random, base.text(), random.nextInt(20)), base.keys());
            default -> new Complaint(NOW, words(random, 10 + random.nextInt(30)), identity(random));
          };
      List<Duplicates.Suspect> old = suspects(probe, cases.openSince("BDG", since(probe), 500));
      List<Duplicates.Suspect> byKey =
          suspects(
              probe,
              cases.duplicateCandidates(
                  "BDG",
                  since(probe),
                  Duplicates.keys(probe.text(), probe.keys(), IDENTITY::textBand),
                  500));
      assertThat(byKey).as("suspects of complaint %d", i).isEqualTo(old);
      flagged += old.isEmpty() ? 0 : 1;
      byText += old.stream().anyMatch(s -> s.reasons().contains("same-text")) ? 1 : 0;
    }
    assertThat(flagged).as("complaints with suspects").isGreaterThan(60);
    assertThat(byText).as("complaints flagged by text alone").isGreaterThan(20);
  }

  @Test
  void theCandidatesReadDoNotGrowWithUnrelatedOpenCases() {
    Random random = new Random(50);
    Complaint similar = new Complaint(NOW.minusSeconds(3_600), words(random, 30), identity(random));
    store(0, similar, CaseStatus.RECEIVED);
    for (int n = 1; n <= 1_000; n++) {
      store(
          n,
          new Complaint(
              NOW.minusSeconds(random.nextInt(86_400 * 3)),
              words(random, 30),
              Set.of(IDENTITY.citizen(Channel.EMAIL, "warga" + n + "@contoh.id"))),
          CaseStatus.RECEIVED);
    }
    Complaint probe =
        new Complaint(NOW, edited(random, similar.text(), 1), Set.of("citizen:someone-else"));

    List<CaseDocument> candidates =
        cases.duplicateCandidates(
            "BDG",
            since(probe),
            Duplicates.keys(probe.text(), probe.keys(), IDENTITY::textBand),
            500);

    assertThat(cases.openSince("BDG", since(probe), 500)).hasSize(500);
    assertThat(candidates).extracting(CaseDocument::id).contains("c-0").hasSizeLessThan(5);
    assertThat(suspects(probe, candidates))
        .extracting(Duplicates.Suspect::caseId)
        .containsExactly("c-0");
  }

  @Test
  void aSavedCaseIsKeyedAgainWithItsNewMessagesAndIdentity() {
    Random random = new Random(51);
    store(0, new Complaint(NOW.minusSeconds(60), words(random, 20), Set.of()), CaseStatus.RECEIVED);
    String later = words(random, 20);
    String nik = IDENTITY.nik("3273010101900001");
    CaseDocument read = cases.byId("c-0").orElseThrow();
    cases.save(
        read.withMessage(
            new CaseState.Message(
                "m-later",
                Channel.WHATSAPP,
                "INBOUND",
                "wamid.later",
                later,
                NOW.minusSeconds(30),
                List.of(),
                List.of()),
            List.of(nik)));

    org.bson.Document stored =
        db.mongo().getCollection("cases").find(new org.bson.Document("_id", "c-0")).first();
    CaseState state = cases.byId("c-0").orElseThrow().state();
    assertThat(stored.getList(Cases.DUP_KEYS, String.class))
        .isEqualTo(Duplicates.keys(state.citizenText(), state.identityKeys(), IDENTITY::textBand))
        .contains(nik);
    Complaint probe = new Complaint(NOW, later, Set.of("citizen:someone-else"));
    assertThat(
            cases.duplicateCandidates(
                "BDG",
                since(probe),
                Duplicates.keys(probe.text(), probe.keys(), IDENTITY::textBand),
                500))
        .extracting(CaseDocument::id)
        .containsExactly("c-0");
  }
}
