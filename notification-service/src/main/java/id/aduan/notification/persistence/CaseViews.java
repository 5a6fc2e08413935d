package id.aduan.notification.persistence;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.SlaEvent;
import id.aduan.notification.application.CaseViewStore;
import id.aduan.notification.domain.CaseView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * This service's own read model of cases ({@code case_views}, {@code _id} = case id), kept from
 * {@code cases.events.v1} and {@code sla.events.v1}. Every event sets only the fields it is about
 * (an upsert), so the two topics may arrive in any order and a redelivery changes nothing.
 */
@Repository
public class CaseViews implements CaseViewStore {

  private static final String COLLECTION = "case_views";
  private static final String COMPLETION = "completion";
  private final MongoTemplate mongo;
  private final Recipients recipients;

  CaseViews(MongoTemplate mongo, Recipients recipients) {
    this.mongo = mongo;
    this.recipients = recipients;
    mongo.indexOps(COLLECTION).createIndex(new Index("agencyCode", Sort.Direction.ASC));
  }

  public CaseView apply(CaseEvent event) {
    Update u = common(event.ticket(), event.agencyCode());
    u.set("status", event.status().name());
    switch (event) {
      case CaseEvent.CaseOpened e -> {
        u.set("language", e.language());
        u.set("sourceMessageId", e.sourceMessageId());
        reachable(u, e.replyAddress());
      }
      case CaseEvent.CitizenMessageAdded e -> reachable(u, e.replyAddress());
      case CaseEvent.CaseClassified e -> {
        // A division only once an officer decided it, not from the classifier's proposal.
        if (e.division() != null && !e.proposal()) {
          u.set("division", e.division());
        }
      }
      case CaseEvent.CaseRouted e -> u.set("division", e.division());
      case CaseEvent.CaseAssigned e -> u.set("division", e.division()).set("officer", e.officer());
      case CaseEvent.CaseReopened e -> u.set("late", false);
      default -> {}
    }
    return upsert(event.caseId(), u);
  }

  public CaseView apply(SlaEvent event) {
    Update u = common(event.ticket(), event.agencyCode());
    switch (event) {
      case SlaEvent.SlaClockStarted e -> u.set("deadlines." + e.clock(), Date.from(e.deadline()));
      case SlaEvent.SlaClockResumed e -> u.set("deadlines." + e.clock(), Date.from(e.deadline()));
      case SlaEvent.SlaDeadlineChanged e ->
          u.set("deadlines." + e.clock(), Date.from(e.deadline()));
      case SlaEvent.SlaWarning e -> {
        if (e.division() != null) {
          u.setOnInsert("division", e.division());
        }
      }
      case SlaEvent.SlaBreached e -> u.set("late", true);
      case SlaEvent.SlaEscalated e -> u.set("late", true);
      case SlaEvent.SlaClockStopped e -> u.set("late", e.late());
      default -> {}
    }
    return upsert(event.caseId(), u);
  }

  public Optional<CaseView> byId(String caseId) {
    Document doc = mongo.getCollection(COLLECTION).find(new Document("_id", caseId)).first();
    return Optional.ofNullable(doc).map(this::view);
  }

  /** Every case of an agency (the daily digest reads them once a day). */
  public List<CaseView> ofAgency(String agencyCode) {
    List<CaseView> out = new ArrayList<>();
    mongo
        .getCollection(COLLECTION)
        .find(new Document("agencyCode", agencyCode))
        .forEach(d -> out.add(view(d)));
    return out;
  }

  private static Update common(String ticket, String agencyCode) {
    return new Update().set("ticket", ticket).set("agencyCode", agencyCode);
  }

  /**
   * The preferred address sealed whole; the known ones as references (equal for equal addresses, so
   * each is kept once) with their sealed recipients apart, by hash (docs/adr/0026).
   */
  private void reachable(Update u, @Nullable ReplyAddress address) {
    if (address != null && address.channel() != Channel.FRONT_DESK) {
      Document reference = recipients.reference(address);
      u.set("preferred", recipients.document(address))
          .addToSet("known", reference)
          .set(
              "recipients." + reference.getString("recipientKey"),
              recipients.seal(address.recipientId()));
    }
  }

  /** The upsert and the read of the case after it, in one command (no re-read, issue 20). */
  private CaseView upsert(String caseId, Update u) {
    return view(
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is(caseId)),
            u,
            FindAndModifyOptions.options().upsert(true).returnNew(true),
            Document.class,
            COLLECTION));
  }

  private CaseView view(Document d) {
    Document deadlines = d.get("deadlines", Document.class);
    Instant deadline = null;
    if (deadlines != null) {
      Date completion = deadlines.getDate(COMPLETION);
      deadline =
          completion != null
              ? completion.toInstant()
              : deadlines.values().stream()
                  .filter(Date.class::isInstance)
                  .map(v -> ((Date) v).toInstant())
                  .min(Comparator.naturalOrder())
                  .orElse(null);
    }
    List<ReplyAddress> known = new ArrayList<>();
    Document sealed = d.get("recipients", Document.class);
    for (Document a : d.getList("known", Document.class, List.of())) {
      ReplyAddress address = recipients.address(a, sealed);
      if (address != null) {
        known.add(address);
      }
    }
    String status = d.getString("status");
    return new CaseView(
        d.getString("_id"),
        d.getString("ticket"),
        d.getString("agencyCode"),
        d.get("language") instanceof String s ? s : "id",
        status == null ? null : CaseStatus.valueOf(status),
        d.getString("division"),
        d.getString("officer"),
        recipients.address(d.get("preferred", Document.class), sealed),
        known,
        d.getString("sourceMessageId"),
        deadline,
        Boolean.TRUE.equals(d.getBoolean("late")));
  }
}
