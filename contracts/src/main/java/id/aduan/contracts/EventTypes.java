package id.aduan.contracts;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The CloudEvents {@code ce_type} of every record, and back. */
public final class EventTypes {

  private static final Map<Class<?>, String> TYPES =
      Map.ofEntries(
          Map.entry(ComplaintReceived.class, "id.aduan.complaint.received.v1"),
          Map.entry(CaseEvent.CaseOpened.class, "id.aduan.case.opened.v1"),
          Map.entry(CaseEvent.CitizenMessageAdded.class, "id.aduan.case.citizen-message-added.v1"),
          Map.entry(CaseEvent.InformationRequested.class, "id.aduan.case.information-requested.v1"),
          Map.entry(CaseEvent.InformationReceived.class, "id.aduan.case.information-received.v1"),
          Map.entry(CaseEvent.CaseClassified.class, "id.aduan.case.classified.v1"),
          Map.entry(CaseEvent.CaseRouted.class, "id.aduan.case.routed.v1"),
          Map.entry(CaseEvent.CaseAssigned.class, "id.aduan.case.assigned.v1"),
          Map.entry(CaseEvent.CaseStatusChanged.class, "id.aduan.case.status-changed.v1"),
          Map.entry(CaseEvent.CaseAnswered.class, "id.aduan.case.answered.v1"),
          Map.entry(CaseEvent.CaseResolved.class, "id.aduan.case.resolved.v1"),
          Map.entry(CaseEvent.CaseRejected.class, "id.aduan.case.rejected.v1"),
          Map.entry(CaseEvent.CaseMerged.class, "id.aduan.case.merged.v1"),
          Map.entry(CaseEvent.CaseReopened.class, "id.aduan.case.reopened.v1"),
          Map.entry(CaseEvent.CaseDeadlineExtended.class, "id.aduan.case.deadline-extended.v1"),
          Map.entry(CaseEvent.SurveyAnswered.class, "id.aduan.case.survey-answered.v1"),
          Map.entry(CaseEvent.CaseDispositioned.class, "id.aduan.case.dispositioned.v1"),
          Map.entry(CaseEvent.CaseStatusRequested.class, "id.aduan.case.status-requested.v1"),
          Map.entry(SlaEvent.SlaClockStarted.class, "id.aduan.sla.clock-started.v1"),
          Map.entry(SlaEvent.SlaClockPaused.class, "id.aduan.sla.clock-paused.v1"),
          Map.entry(SlaEvent.SlaClockResumed.class, "id.aduan.sla.clock-resumed.v1"),
          Map.entry(SlaEvent.SlaDeadlineChanged.class, "id.aduan.sla.deadline-changed.v1"),
          Map.entry(SlaEvent.SlaWarning.class, "id.aduan.sla.warning.v1"),
          Map.entry(SlaEvent.SlaBreached.class, "id.aduan.sla.breached.v1"),
          Map.entry(SlaEvent.SlaEscalated.class, "id.aduan.sla.escalated.v1"),
          Map.entry(SlaEvent.SlaClockStopped.class, "id.aduan.sla.clock-stopped.v1"),
          Map.entry(OutboundMessage.class, "id.aduan.outbound.message.v1"),
          Map.entry(DeliveryReceipt.class, "id.aduan.delivery.receipt.v1"),
          Map.entry(DeadLetter.class, "id.aduan.dead-letter.v1"));

  private static final Map<String, Class<?>> CLASSES =
      TYPES.entrySet().stream()
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

  private EventTypes() {}

  public static String typeOf(Class<?> recordClass) {
    String type = TYPES.get(recordClass);
    if (type == null) {
      throw new IllegalArgumentException("not a contract record: " + recordClass.getName());
    }
    return type;
  }

  public static Optional<Class<?>> classOf(String ceType) {
    return Optional.ofNullable(CLASSES.get(ceType));
  }

  public static Map<Class<?>, String> all() {
    return TYPES;
  }
}
