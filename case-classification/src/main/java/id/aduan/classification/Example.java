package id.aduan.classification;

import id.aduan.contracts.CaseType;
import org.jspecify.annotations.Nullable;

/**
 * A message with the classification an officer gave it (a labelled example or a correction).
 *
 * @param intakeMode {@code ONLINE} or a front-desk mode ({@code walk-in}, {@code letter}, ...)
 * @param topic a topic code of {@code topics.yaml}, or null (an officer gave none)
 * @param division the division that handles it, or null (not routed)
 * @param slaClass the agency's SLA class, or null (none applies)
 */
public record Example(
    String id,
    String agency,
    String intakeMode,
    CaseType caseType,
    @Nullable String topic,
    @Nullable String division,
    @Nullable String slaClass,
    String text) {}
