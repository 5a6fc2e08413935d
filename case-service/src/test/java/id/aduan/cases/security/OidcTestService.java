package id.aduan.cases.security;

import id.aduan.cases.CaseServiceApplication;
import id.aduan.testsupport.InJvmMongo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/**
 * The case service as production runs it in oidc mode, for tests: JWTs verified with the public key
 * of a locally generated provider key pair (no network), the audience {@link #AUDIENCE}, and
 * production's personal-data keys (no demo mode). On the {@code @AduanKafka} broker.
 */
public final class OidcTestService {

  /** The audience the service's tokens must carry. */
  public static final String AUDIENCE = "aduan-cases";

  private OidcTestService() {}

  public static ConfigurableApplicationContext start(
      String database, KeyPair provider, String... extra) throws IOException {
    Path pem = Files.createTempFile("provider", ".pub");
    pem.toFile().deleteOnExit();
    Files.writeString(
        pem,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(provider.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--spring.cloud.stream.kafka.binder.brokers="
                    + EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
                "--spring.mongodb.uri=" + InJvmMongo.freshDatabaseUri(database),
                "--server.port=0",
                "--aduan.cases.security.mode=oidc",
                "--aduan.cases.security.oidc.audience=" + AUDIENCE,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + pem,
                "--aduan.cases.pii.active-key-id=2026-01",
                "--aduan.cases.pii.keys.2026-01="
                    + Base64.getEncoder().encodeToString(new byte[32]),
                "--aduan.cases.pii.lookup-key="
                    + Base64.getEncoder().encodeToString("l".repeat(32).getBytes())));
    args.addAll(List.of(extra));
    return CaseServiceApplication.builder().run(args.toArray(String[]::new));
  }
}
