package id.aduan.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The latency of one stage of a complaint's way through the platform, as one timer {@value #NAME}
 * with a {@code stage} tag: its histogram buckets (on for every {@code aduan.*} timer, see
 * aduan-messaging.yaml) give the quantiles on the stage dashboard (deploy/observability).
 */
public final class StageLatency {

  public static final String NAME = "aduan.stage.latency";

  /** From the webhook's arrival to its 2xx, sent once Kafka acknowledged (channel-whatsapp). */
  public static final String WEBHOOK_ACK = "webhook_ack";

  /** From a complaint's arrival at the channel to its case written (case-service). */
  public static final String INTAKE_TO_CASE = "intake_to_case";

  /** From a case opened to its SLA clock started (sla-service). */
  public static final String CASE_TO_SLA_CLOCK = "case_to_sla_clock";

  /** From a message decided by notification-service to its acceptance by the provider. */
  public static final String NOTIFICATION_TO_PROVIDER = "notification_to_provider";

  private StageLatency() {}

  public static Timer timer(MeterRegistry meters, String stage) {
    return Timer.builder(NAME)
        .description("Latency of one stage of a complaint's way through the platform")
        .tag("stage", stage)
        .register(meters);
  }

  /** Records the time from {@code since} to now; a clock skewed into the future records zero. */
  public static void since(MeterRegistry meters, String stage, Instant since, Clock clock) {
    Duration took = Duration.between(since, clock.instant());
    timer(meters, stage).record(took.isNegative() ? Duration.ZERO : took);
  }
}
