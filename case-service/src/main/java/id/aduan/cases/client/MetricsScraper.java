package id.aduan.cases.client;

import id.aduan.cases.config.OperationsProperties;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads every service's {@code /actuator/prometheus} for the operations dashboard's adapter health:
 * consumer lag, dead letters, provider errors, failed publishes and failed deliveries. All targets
 * are read at once, each with the configured timeout; a target that does not answer is shown as
 * down with the reason, never as zero.
 */
@Component
public class MetricsScraper {

  /** Kafka consumer lag as the binder and the Kafka client report it. */
  static final List<String> LAG_METRICS =
      List.of(
          "spring_cloud_stream_binder_kafka_offset",
          "kafka_consumer_fetch_manager_records_lag_max");

  private final OperationsProperties properties;
  private final ObjectProvider<PrometheusMeterRegistry> ownRegistry;
  private final String ownName;
  private final HttpClient http;

  MetricsScraper(
      OperationsProperties properties,
      ObjectProvider<PrometheusMeterRegistry> ownRegistry,
      @Value("${spring.application.name}") String ownName) {
    this.properties = properties;
    this.ownRegistry = ownRegistry;
    this.ownName = ownName;
    this.http = HttpClient.newBuilder().connectTimeout(properties.scrapeTimeout()).build();
  }

  /**
   * One service's health as its metrics say.
   *
   * @param error why the service could not be read ({@code unreachable}, {@code http_503}), or null
   */
  public record AdapterHealth(
      String service,
      boolean up,
      @Nullable String error,
      @Nullable Double consumerLag,
      double deadLetters,
      double providerErrors,
      double publishFailures,
      double deliveryFailures) {}

  public List<AdapterHealth> scrapeAll() {
    Map<String, CompletableFuture<AdapterHealth>> pending = new TreeMap<>();
    properties
        .scrapeTargets()
        .forEach((service, url) -> pending.put(service, scrape(service, url)));
    List<AdapterHealth> all = new ArrayList<>();
    pending.values().forEach(f -> all.add(f.join()));
    return all;
  }

  private CompletableFuture<AdapterHealth> scrape(String service, URI url) {
    PrometheusMeterRegistry own = service.equals(ownName) ? ownRegistry.getIfAvailable() : null;
    if (own != null) {
      return CompletableFuture.completedFuture(health(service, own.scrape()));
    }
    HttpRequest request =
        HttpRequest.newBuilder(url).timeout(properties.scrapeTimeout()).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle(
            (response, failure) -> {
              if (failure != null) {
                return down(service, "unreachable");
              }
              if (response.statusCode() != 200) {
                return down(service, "http_" + response.statusCode());
              }
              return health(service, response.body());
            });
  }

  private static AdapterHealth down(String service, String reason) {
    return new AdapterHealth(service, false, reason, null, 0, 0, 0, 0);
  }

  static AdapterHealth health(String service, String exposition) {
    List<Sample> samples = parse(exposition);
    Double lag = null;
    for (Sample s : samples) {
      if (LAG_METRICS.contains(s.name()) && !Double.isNaN(s.value())) {
        lag = lag == null ? s.value() : Math.max(lag, s.value());
      }
    }
    return new AdapterHealth(
        service,
        true,
        null,
        lag,
        sum(samples, s -> s.name().equals("aduan_dead_letters_total")),
        sum(samples, s -> s.name().equals("aduan_client_errors_total")),
        sum(
            samples,
            s ->
                s.name().equals("aduan_publish_total")
                    && s.labels().contains("outcome=\"failed\"")),
        sum(
            samples,
            s ->
                s.name().equals("aduan_outbound_messages_total")
                    && (s.labels().contains("outcome=\"failed\"")
                        || s.labels().contains("outcome=\"error\""))));
  }

  record Sample(String name, String labels, double value) {}

  /** The Prometheus text format: {@code name{labels} value [timestamp]}, comments skipped. */
  static List<Sample> parse(String exposition) {
    List<Sample> samples = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      String name;
      String labels;
      String rest;
      if (brace >= 0 && (space < 0 || brace < space)) {
        int close = line.lastIndexOf('}');
        if (close < brace) {
          continue;
        }
        name = line.substring(0, brace);
        labels = line.substring(brace + 1, close);
        rest = line.substring(close + 1).strip();
      } else if (space > 0) {
        name = line.substring(0, space);
        labels = "";
        rest = line.substring(space + 1).strip();
      } else {
        continue;
      }
      String value = rest.split(" ")[0];
      try {
        samples.add(new Sample(name, labels, Double.parseDouble(value)));
      } catch (NumberFormatException e) {
        // A value this reader does not understand is left out, not guessed.
      }
    }
    return samples;
  }

  private static double sum(List<Sample> samples, Predicate<Sample> which) {
    return samples.stream().filter(which).mapToDouble(Sample::value).sum();
  }
}
