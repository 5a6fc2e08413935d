package id.aduan.cases.domain;

import id.aduan.contracts.CaseStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Who did what to a case, when, from which state to which, and why. */
public record AuditEntry(
    Instant at,
    String actor,
    String action,
    @Nullable CaseStatus from,
    CaseStatus to,
    @Nullable String reason) {}
