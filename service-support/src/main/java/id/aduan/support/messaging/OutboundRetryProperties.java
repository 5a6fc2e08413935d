package id.aduan.support.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the e-mail, social and LAPOR! adapters try again a message that failed transiently ({@code
 * aduan.outbound.retry.*}, docs/adr/0041; WhatsApp has its own {@code aduan.whatsapp.deferred-*}).
 * Every default is listed in docs/configuration.md.
 *
 * @param firstBackoff the wait after the first failure; doubles after each, a random half of it
 *     taken off
 * @param maxBackoff the longest wait between two attempts
 * @param giveUpAfter how long after its first failure a message is still tried; then it gets a
 *     FAILED receipt and a dead letter {@code RETRIES_EXHAUSTED}
 * @param pollInterval how often the adapter looks for messages whose next attempt is due
 * @param lease how long one attempt holds a message (another instance takes it after that)
 */
@ConfigurationProperties("aduan.outbound.retry")
public record OutboundRetryProperties(
    @DefaultValue("10s") Duration firstBackoff,
    @DefaultValue("10m") Duration maxBackoff,
    @DefaultValue("12h") Duration giveUpAfter,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("60s") Duration lease) {

  public RetrySchedule schedule() {
    return new RetrySchedule(firstBackoff, maxBackoff, giveUpAfter);
  }
}
