package id.aduan.cases.application;

import id.aduan.cases.domain.CaseState;

/**
 * What readers outside persistence (the officer API, the public status page) see of a stored case:
 * its id, the version an officer's {@code If-Match} must name, its state, and whether a personal
 * value could not be decrypted (docs/adr/0025). Never the outbox, nor how the case is stored
 * (docs/adr/0034).
 */
public record VersionedCase(
    String id, long version, CaseState state, boolean personalDataUnreadable) {}
