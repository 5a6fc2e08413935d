package id.aduan.notification.application;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.SlaEvent;
import id.aduan.notification.domain.CaseView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The read model in a map, kept by the rules of {@code persistence.CaseViews}: every event sets
 * only the fields it is about.
 */
public final class InMemoryCaseViews implements CaseViewStore {

  private static final class Row {
    String ticket = "";
    String agencyCode = "";
    @Nullable String language;
    @Nullable CaseStatus status;
    @Nullable String division;
    @Nullable String officer;
    @Nullable ReplyAddress preferred;
    final List<ReplyAddress> known = new ArrayList<>();
    @Nullable String sourceMessageId;
    final Map<String, Instant> deadlines = new HashMap<>();
    boolean late;
  }

  private final Map<String, Row> rows = new LinkedHashMap<>();

  @Override
  public synchronized CaseView apply(CaseEvent event) {
    Row r = row(event.caseId(), event.ticket(), event.agencyCode());
    r.status = event.status();
    switch (event) {
      case CaseEvent.CaseOpened e -> {
        r.language = e.language();
        r.sourceMessageId = e.sourceMessageId();
        reachable(r, e.replyAddress());
      }
      case CaseEvent.CitizenMessageAdded e -> reachable(r, e.replyAddress());
      case CaseEvent.CaseClassified e -> {
        if (e.division() != null && !e.proposal()) {
          r.division = e.division();
        }
      }
      case CaseEvent.CaseRouted e -> r.division = e.division();
      case CaseEvent.CaseAssigned e -> {
        r.division = e.division();
        r.officer = e.officer();
      }
      case CaseEvent.CaseReopened e -> r.late = false;
      default -> {}
    }
    return view(event.caseId(), r);
  }

  @Override
  public synchronized CaseView apply(SlaEvent event) {
    boolean inserted = !rows.containsKey(event.caseId());
    Row r = row(event.caseId(), event.ticket(), event.agencyCode());
    switch (event) {
      case SlaEvent.SlaClockStarted e -> r.deadlines.put(e.clock(), e.deadline());
      case SlaEvent.SlaClockResumed e -> r.deadlines.put(e.clock(), e.deadline());
      case SlaEvent.SlaDeadlineChanged e -> r.deadlines.put(e.clock(), e.deadline());
      case SlaEvent.SlaWarning e -> {
        if (e.division() != null && inserted) {
          r.division = e.division();
        }
      }
      case SlaEvent.SlaBreached e -> r.late = true;
      case SlaEvent.SlaEscalated e -> r.late = true;
      case SlaEvent.SlaClockStopped e -> r.late = e.late();
      default -> {}
    }
    return view(event.caseId(), r);
  }

  @Override
  public synchronized Optional<CaseView> byId(String caseId) {
    return Optional.ofNullable(rows.get(caseId)).map(r -> view(caseId, r));
  }

  @Override
  public synchronized List<CaseView> ofAgency(String agencyCode) {
    return rows.entrySet().stream()
        .filter(e -> e.getValue().agencyCode.equals(agencyCode))
        .map(e -> view(e.getKey(), e.getValue()))
        .toList();
  }

  private Row row(String caseId, String ticket, String agencyCode) {
    Row r = rows.computeIfAbsent(caseId, id -> new Row());
    r.ticket = ticket;
    r.agencyCode = agencyCode;
    return r;
  }

  private static void reachable(Row r, @Nullable ReplyAddress address) {
    if (address != null && address.channel() != Channel.FRONT_DESK) {
      r.preferred = address;
      if (!r.known.contains(address)) {
        r.known.add(address);
      }
    }
  }

  private static CaseView view(String caseId, Row r) {
    Instant deadline =
        r.deadlines.containsKey("completion")
            ? r.deadlines.get("completion")
            : r.deadlines.values().stream().min(Comparator.naturalOrder()).orElse(null);
    return new CaseView(
        caseId,
        r.ticket,
        r.agencyCode,
        r.language == null ? "id" : r.language,
        r.status,
        r.division,
        r.officer,
        r.preferred,
        r.known,
        r.sourceMessageId,
        deadline,
        r.late);
  }
}
