package id.aduan.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * deploy/docker: the one Dockerfile every service's image is built from (no Docker engine here, so
 * its promises are read from it), and its health check run for real against a local server.
 */
class ContainerImageTest {

  private static final Path DOCKER = DeployFiles.deploy("docker");

  @Test
  void theImageRunsTheServicesExecJarOnAJre25AsANonRootUserWithAHealthCheck() {
    List<String> lines =
        DeployFiles.read(DOCKER.resolve("Dockerfile")).lines().map(String::strip).toList();

    assertThat(lines.stream().filter(l -> l.startsWith("FROM ")))
        .singleElement()
        .satisfies(
            from -> assertThat(from).matches("FROM eclipse-temurin:25-jre(@sha256:[0-9a-f]+)?"));
    String user =
        lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
    assertThat(user).matches("USER [1-9][0-9]*(:[1-9][0-9]*)?");
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).startsWith("HEALTHCHECK "))
        .anySatisfy(l -> assertThat(l).contains("/actuator/health"))
        .anySatisfy(
            l -> assertThat(l).contains("COPY").contains("${SERVICE}/target/${SERVICE}-*-exec.jar"))
        .anySatisfy(l -> assertThat(l).startsWith("ENTRYPOINT [\"java\""));
    // every service is a module whose build makes the exec jar the image copies
    String parent = DeployFiles.read(DeployFiles.ROOT.resolve("pom.xml"));
    assertThat(parent).contains("<classifier>exec</classifier>");
    for (String service : DeployFiles.SERVICES) {
      assertThat(DeployFiles.read(DeployFiles.ROOT.resolve(service).resolve("pom.xml")))
          .as(service)
          .contains("spring-boot-maven-plugin");
      assertThat(DeployFiles.read(DeployFiles.deploy("compose/docker-compose.yml")))
          .contains("SERVICE: " + service + ", PORT: \"");
    }
    assertThat(DeployFiles.read(DOCKER.resolve("Dockerfile.dockerignore")))
        .contains("!*/target/*-exec.jar")
        .contains("!deploy/docker/healthcheck.sh");
  }

  @Test
  void theHealthCheckIsHealthyOnlyWhileTheActuatorAnswersUp() throws Exception {
    Path bash = Path.of("/bin/bash");
    assumeTrue(Files.isExecutable(bash), "no /bin/bash to run the health check script with");
    AtomicReference<String> state = new AtomicReference<>("UP");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/actuator/health/readiness",
        exchange -> {
          byte[] body = ("{\"status\":\"" + state.get() + "\"}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(state.get().equals("UP") ? 200 : 503, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    int port = server.getAddress().getPort();
    try {
      assertThat(check(port, "/actuator/health/readiness")).isZero();

      state.set("OUT_OF_SERVICE");
      assertThat(check(port, "/actuator/health/readiness")).isNotZero();

      state.set("UP");
      assertThat(check(port, "/actuator/health/nothing-here")).isNotZero();
    } finally {
      server.stop(0);
    }
    assertThat(check(port, "/actuator/health/readiness")).as("nobody listening").isNotZero();
  }

  private static int check(int port, String path) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder("/bin/bash", DOCKER.resolve("healthcheck.sh").toString(), path)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("ADUAN_HTTP_PORT", Integer.toString(port));
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the health check did not finish in 30 s");
    }
    return p.exitValue();
  }
}
