package id.aduan.whatsapp.config;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the WhatsApp Cloud API ({@code aduan.whatsapp.*}; the first four are fixed by
 * CONTRACT.md). Every default is listed in docs/configuration.md.
 *
 * @param graphBaseUrl base URL of the Graph API, version included
 * @param appSecret key of {@code X-Hub-Signature-256}
 * @param verifyToken the verification handshake token
 * @param accessToken bearer token for sends and media
 * @param maxBodySize webhooks larger than this are refused with 413
 * @param requestTimeout connect and read timeout of one Graph API call
 * @param retryAttempts attempts of a send on a transient error (5xx, 131000, 130429), first
 *     included
 * @param retryBackoff the first wait between attempts; doubles after each
 * @param circuitFailureRate percentage of failed calls that opens the circuit
 * @param circuitMinimumCalls calls the circuit sees before it may open
 * @param circuitOpenFor how long an open circuit refuses calls before it lets a few through
 * @param messagesPerSecond sends per second per agency number (Meta's default throughput is 80)
 * @param citizenInterval the pause between two messages to the same citizen (Meta's pair rate)
 * @param sendLease how long a claimed outbound message is reserved for its sender
 * @param mediaTimeout connect and read timeout of one media download
 * @param mediaAttempts attempts of a media download on a transient error, first included
 * @param publishLinger how long the webhook's Kafka producer waits to batch records of concurrent
 *     webhooks ({@code linger.ms})
 * @param publishTimeout how long a webhook waits for Kafka's acknowledgement before it answers 503
 * @param mediaRetryInterval how often failed media downloads are tried again (the wait doubles
 *     after each failed attempt)
 * @param mediaRetryAttempts later attempts of a failed media download before it is given up
 * @param mediaHosts the hosts media is downloaded from besides the Graph API's own ({@code
 *     *.domain} for subdomains); any other media URL is refused and never fetched
 * @param deferredPollInterval how often messages deferred by pacing are looked at (a deferred
 *     message goes out at most this late after its slot)
 * @param deferredRetryBackoff the first wait before a message that failed transiently (provider
 *     down, 5xx, 429, transient codes, open circuit) is tried again; doubles after each failure, a
 *     random half of it taken off (docs/adr/0041)
 * @param deferredRetryMaxBackoff the longest wait between two attempts of such a message
 * @param deferredGiveUpAfter how long after its first transient failure such a message is still
 *     tried; then it gets a FAILED receipt and a dead letter {@code RETRIES_EXHAUSTED}
 */
@ConfigurationProperties("aduan.whatsapp")
public record WhatsAppProperties(
    @DefaultValue("https://graph.facebook.com/v23.0") String graphBaseUrl,
    @Nullable String appSecret,
    @Nullable String verifyToken,
    @Nullable String accessToken,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("4") int retryAttempts,
    @DefaultValue("500ms") Duration retryBackoff,
    @DefaultValue("50") float circuitFailureRate,
    @DefaultValue("10") int circuitMinimumCalls,
    @DefaultValue("30s") Duration circuitOpenFor,
    @DefaultValue("80") int messagesPerSecond,
    @DefaultValue("6s") Duration citizenInterval,
    @DefaultValue("60s") Duration sendLease,
    @DefaultValue("5s") Duration mediaTimeout,
    @DefaultValue("3") int mediaAttempts,
    @DefaultValue("2ms") Duration publishLinger,
    @DefaultValue("10s") Duration publishTimeout,
    @DefaultValue("60s") Duration mediaRetryInterval,
    @DefaultValue("5") int mediaRetryAttempts,
    @DefaultValue({"lookaside.fbsbx.com", "*.fbcdn.net", "*.whatsapp.net"}) List<String> mediaHosts,
    @DefaultValue("500ms") Duration deferredPollInterval,
    @DefaultValue("10s") Duration deferredRetryBackoff,
    @DefaultValue("10m") Duration deferredRetryMaxBackoff,
    @DefaultValue("12h") Duration deferredGiveUpAfter) {}
