package id.aduan.cases.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.domain.IdentityKeys;
import id.aduan.cases.domain.TestMessages;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Citizens;
import id.aduan.cases.persistence.DuplicateKeys;
import id.aduan.cases.persistence.TestCases;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.support.messaging.Outbox;
import id.aduan.testsupport.InJvmMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The duplicate check of a new complaint reads a handful of cases, not the agency's recent backlog,
 * with 1,000 unrelated open cases stored (issue 20, docs/adr/0049-duplicate-candidates-by-key.md):
 * the use case on the cases repository of the in-JVM MongoDB-protocol server, every document the
 * repository returns counted.
 */
class DuplicateCheckReadsTest {

  private static final Agency BDG = AgencyCatalog.bundled().byCode("BDG").orElseThrow();
  private static final Instant NOW = Instant.parse("2026-03-17T02:15:30Z");

  private final AtomicInteger documentsRead = new AtomicInteger();
  private MongoClient client;
  private CaseRepository cases;
  private CaseService service;

  @BeforeEach
  void wire() {
    String uri = InJvmMongo.freshDatabaseUri("case-service-dupcheck");
    client = MongoClients.create(uri);
    MongoTemplate mongo = new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1));
    IdentityKeys identityKeys = new IdentityKeys(IdentityKeys.UNKEYED_SHA256);
    GenericApplicationContext context = new GenericApplicationContext();
    context.addApplicationListener(new DuplicateKeys(identityKeys));
    context.refresh();
    mongo.setApplicationContext(context);
    CaseRepository stored = TestCases.on(mongo, context);
    cases =
        (CaseRepository)
            Proxy.newProxyInstance(
                CaseRepository.class.getClassLoader(),
                new Class<?>[] {CaseRepository.class},
                (proxy, method, args) -> {
                  try {
                    Object result = method.invoke(stored, args);
                    documentsRead.addAndGet(documents(result));
                    return result;
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    JsonMapper json = JsonMapper.builder().build();
    CloudEvents cloudEvents = new CloudEvents(json, "/aduan/case-service");
    service =
        new CaseService(
            cases,
            new Citizens(mongo),
            TestCases.tickets(mongo),
            doc -> {},
            new Outbox(
                new EventPublisher(
                    mock(StreamBridge.class), cloudEvents, new SimpleMeterRegistry()),
                cloudEvents,
                json),
            new SimpleMeterRegistry(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            identityKeys,
            event -> event);
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static int documents(Object result) {
    return switch (result) {
      case Collection<?> c -> c.size();
      case Optional<?> o -> o.isPresent() ? 1 : 0;
      case CaseDocument d -> 1;
      case null, default -> 0;
    };
  }

  private static String words(Random random) {
    return IntStream.range(0, 25)
        .mapToObj(i -> "kata" + random.nextInt(3_000))
        .collect(Collectors.joining(" "));
  }

  @Test
  void aNewComplaintsDuplicateCheckReadsItsLikelyDuplicatesNotEveryOpenCase() {
    Random random = new Random(49);
    String text = "Jalan berlubang di depan SDN 1 Cibeunying sejak bulan lalu, mohon diperbaiki";
    CaseService.Received first =
        service.receive(TestMessages.whatsapp("wamid.0", "6281200000000", text, NOW, null), BDG);
    for (int i = 1; i <= 1_000; i++) {
      service.receive(
          TestMessages.whatsapp("wamid." + i, "62813" + (10_000 + i), words(random), NOW, null),
          BDG);
    }

    documentsRead.set(0);
    CaseService.Received probe =
        service.receive(
            TestMessages.whatsapp("wamid.x", "6281299999999", text + " segera", NOW, null), BDG);

    assertThat(probe.outcome()).isEqualTo("opened");
    assertThat(cases.byId(probe.caseId()).orElseThrow().state().duplicateSuspects())
        .extracting(CaseState.DuplicateSuspect::caseId)
        .containsExactly(first.caseId());
    assertThat(documentsRead.get())
        .as("documents the repository returned while opening the case")
        .isLessThan(10);
  }
}
