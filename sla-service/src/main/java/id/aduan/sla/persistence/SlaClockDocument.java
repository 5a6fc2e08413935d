package id.aduan.sla.persistence;

import id.aduan.messaging.Outbox;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One running clock of one case ({@code id = caseId/clock}). {@code duration} is what the policy
 * allows (e.g. {@code 5 working-days}), kept so that a calendar change can recompute the deadline.
 * {@code scheduleVersion} grows whenever the deadline moves or the clock pauses, so that due
 * moments filed for an older version are recognised as stale; {@code fired} holds the levels
 * (warnings, breach, escalations) already announced, each at most once. {@code nextDueAt} is the
 * next moment something must happen to it (a warning, the breach), indexed so a scan reads only
 * what is due.
 */
@Document("sla_clocks")
public record SlaClockDocument(
    @Id String id,
    String caseId,
    String ticket,
    String agencyCode,
    String clock,
    String policy,
    Instant startedAt,
    Instant deadline,
    @Nullable String duration,
    boolean provisional,
    String state,
    Instant nextDueAt,
    int scheduleVersion,
    List<String> fired,
    @Nullable Instant pausedAt,
    List<Outbox.Entry> outbox,
    boolean outboxPending) {}
