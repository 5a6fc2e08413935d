package id.aduan.cases.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsScraperTest {

  private static final String EXPOSITION =
      """
      # HELP aduan_dead_letters_total
      # TYPE aduan_dead_letters_total counter
      aduan_dead_letters_total{reason="unreadable",service="case-service",topic="sla.events.v1.dlq"} 2.0
      aduan_dead_letters_total{reason="unknown_agency",service="case-service",topic="complaints.inbound.v1.dlq"} 1.0
      aduan_publish_total{outcome="acked",service="case-service",topic="cases.events.v1"} 12.0
      aduan_publish_total{outcome="failed",service="case-service",topic="cases.events.v1"} 3.0
      aduan_outbound_messages_total{agency="BDG",channel="whatsapp",outcome="sent"} 9.0
      aduan_outbound_messages_total{agency="BDG",channel="whatsapp",outcome="failed"} 1.0
      aduan_outbound_messages_total{agency="BDG",channel="whatsapp",outcome="error"} 2.0
      aduan_client_errors_total{client="graph-api",code="http_500"} 4.0 1732500000000
      kafka_consumer_fetch_manager_records_lag_max{client_id="a"} 5.0
      kafka_consumer_fetch_manager_records_lag_max{client_id="b"} 11.0
      kafka_consumer_fetch_manager_records_lag_max{client_id="c"} NaN
      process_uptime_seconds 42.5
      """;

  @Test
  void sumsDeadLettersErrorsAndFailuresAndTakesTheLargestLag() {
    MetricsScraper.AdapterHealth h = MetricsScraper.health("case-service", EXPOSITION);
    assertThat(h.up()).isTrue();
    assertThat(h.deadLetters()).isEqualTo(3.0);
    assertThat(h.publishFailures()).isEqualTo(3.0);
    assertThat(h.deliveryFailures()).isEqualTo(3.0);
    assertThat(h.providerErrors()).isEqualTo(4.0);
    assertThat(h.consumerLag()).isEqualTo(11.0);
  }

  @Test
  void aServiceWithoutConsumersHasNoLagRatherThanZero() {
    MetricsScraper.AdapterHealth h =
        MetricsScraper.health(
            "channel-social", "aduan_webhook_requests_total{outcome=\"accepted\"} 1.0\n");
    assertThat(h.consumerLag()).isNull();
    assertThat(h.deadLetters()).isZero();
  }

  @Test
  void readsSamplesWithAndWithoutLabelsAndSkipsWhatItCannotRead() {
    assertThat(MetricsScraper.parse(EXPOSITION))
        .contains(new MetricsScraper.Sample("process_uptime_seconds", "", 42.5))
        .hasSize(12);
    assertThat(MetricsScraper.parse("broken{label=\"x\" 1.0\nname_only\n# comment\n")).isEmpty();
  }
}
