package id.aduan.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which AOT cache {@code ./aduan} starts a service from (docs/adr/0045): only the one made for the
 * jar's current content, by this JDK, at the path it is used from. Runs the real script's {@code
 * status} in a copy of the repository's layout with stand-in jars, so nothing is started.
 */
class AotCacheKeyTest {

  @TempDir Path root;

  @BeforeEach
  void layout() throws IOException {
    Path script = root.resolve("aduan");
    Files.copy(DeployFiles.ROOT.resolve("aduan"), script, StandardCopyOption.COPY_ATTRIBUTES);
    script.toFile().setExecutable(true);
    for (String service : DeployFiles.SERVICES) {
      Files.createDirectories(jar(service).getParent());
      Files.writeString(jar(service), "the jar of " + service);
    }
  }

  @Test
  void noCacheAtFirst() throws Exception {
    assertThat(status(Map.of())).contains("AOT caches for the current jars: 0 of 7");
  }

  @Test
  void theCacheMadeForTheJarIsUsed() throws Exception {
    makeCache("case-service", cacheDir("case-service"));

    assertThat(status(Map.of())).contains("AOT caches for the current jars: 1 of 7");
  }

  @Test
  void aRebuiltJarHasNoCacheUntilOneIsMadeForIt() throws Exception {
    makeCache("case-service", cacheDir("case-service"));

    Files.writeString(jar("case-service"), "the jar of case-service, rebuilt");

    assertThat(status(Map.of())).contains("AOT caches for the current jars: 0 of 7");
  }

  @Test
  void aCacheMadeElsewhereIsNotUsed() throws Exception {
    // The JVM takes a moved class path for the same one, then gives classes no code location.
    Path dir = cacheDir("case-service");
    makeCache("case-service", dir);
    Files.writeString(
        dir.resolve("app.aot.path"),
        "/somewhere/else/app/case-service-0.1.0-SNAPSHOT-exec.jar\n",
        StandardCharsets.UTF_8);

    assertThat(status(Map.of())).contains("AOT caches for the current jars: 0 of 7");
  }

  @Test
  void aHalfMadeCacheIsNotUsed() throws Exception {
    Path dir = cacheDir("case-service");
    makeCache("case-service", dir);
    Files.move(dir.resolve("app.aot"), dir.resolve("app.aot.part"));

    assertThat(status(Map.of())).contains("AOT caches for the current jars: 0 of 7");
  }

  @Test
  void offUsesNone() throws Exception {
    makeCache("case-service", cacheDir("case-service"));

    assertThat(status(Map.of("ADUAN_AOT_CACHE", "off"))).doesNotContain("AOT caches");
  }

  @Test
  void anUnknownModeIsRefused() throws Exception {
    Process p = aduan(Map.of("ADUAN_AOT_CACHE", "always"), "status");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor()).isEqualTo(2);
    assertThat(out)
        .contains("ADUAN_AOT_CACHE is \"auto\" (the default) or \"off\", not \"always\"");
  }

  @Test
  void eachJitModeStartsFromACacheOfItsOwn() throws Exception {
    // A cache keeps the method profiles of the mode it was trained under (docs/adr/0059).
    makeCache("case-service", cacheDir("case-service"));
    makeCache("sla-service", tieredCacheDir("sla-service"));
    makeCache("notification-service", tieredCacheDir("notification-service"));

    assertThat(status(Map.of())).contains("AOT caches for the current jars: 1 of 7");
    assertThat(status(Map.of("ADUAN_SERVICE_JIT", "c1")))
        .contains("AOT caches for the current jars: 1 of 7");
    assertThat(status(Map.of("ADUAN_SERVICE_JIT", "tiered")))
        .contains("AOT caches for the current jars: 2 of 7");
  }

  @Test
  void anUnknownJitModeIsRefused() throws Exception {
    Process p = aduan(Map.of("ADUAN_SERVICE_JIT", "c2"), "status");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor()).isEqualTo(2);
    assertThat(out).contains("ADUAN_SERVICE_JIT is \"c1\" (the default) or \"tiered\", not \"c2\"");
  }

  private Path tieredCacheDir(String service) throws IOException, NoSuchAlgorithmException {
    Path dir = cacheDir(service);
    return dir.resolveSibling(dir.getFileName() + "-tiered");
  }

  private Path jar(String service) {
    return root.resolve(service).resolve("target").resolve(service + "-0.1.0-SNAPSHOT-exec.jar");
  }

  /** Where the script keeps a cache: the jar's SHA-256 (16 hex) and this JDK's version. */
  private Path cacheDir(String service) throws IOException, NoSuchAlgorithmException {
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar(service))))
            .substring(0, 16);
    String jdk =
        Files.readAllLines(Path.of(System.getProperty("java.home"), "release")).stream()
            .filter(l -> l.startsWith("JAVA_RUNTIME_VERSION="))
            .map(l -> l.substring("JAVA_RUNTIME_VERSION=".length()).replace("\"", ""))
            .findFirst()
            .orElseThrow()
            .replaceAll("[^A-Za-z0-9.]", "_");
    return root.resolve(service).resolve("target/aot").resolve(sha + "-" + jdk);
  }

  /** What a finished training run leaves: the cache and the absolute path it was made for. */
  private void makeCache(String service, Path dir) throws IOException {
    Path extracted = dir.resolve("app").resolve(jar(service).getFileName());
    Files.createDirectories(extracted.getParent());
    Files.copy(jar(service), extracted);
    Files.writeString(dir.resolve("app.aot"), "a cache");
    Files.writeString(dir.resolve("app.aot.path"), extracted + "\n");
  }

  private String status(Map<String, String> extra) throws Exception {
    Process p = aduan(extra, "status");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  private Process aduan(Map<String, String> extra, String command) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(List.of(root.resolve("aduan").toString(), command))
            .directory(root.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("ADUAN_"));
    env.put("ADUAN_HOME", root.resolve("var").toString());
    env.put("ADUAN_JAVA_HOME", System.getProperty("java.home"));
    env.putAll(extra);
    Process p = builder.start();
    p.getOutputStream().close();
    return p;
  }
}
