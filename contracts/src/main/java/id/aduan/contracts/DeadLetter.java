package id.aduan.contracts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Input an adapter acknowledged to its sender but could not turn into a message (unknown
 * phone-number id, unsupported payload, unparseable mail), on {@code <topic>.dlq}. The raw payload
 * is kept so an operator can replay it after a fix. It may hold personal data, so dead-letter
 * topics get the same protection as the main topics.
 *
 * @param reason a short machine-readable reason (UNKNOWN_ACCOUNT, MALFORMED, TOO_LARGE, ...)
 * @param detail a human-readable explanation without personal data
 * @param payloadBase64 the raw bytes as received
 */
public record DeadLetter(
    String eventId,
    Instant occurredAt,
    String source,
    @Nullable Channel channel,
    String reason,
    @Personal String detail,
    String contentType,
    @Personal String payloadBase64) {}
