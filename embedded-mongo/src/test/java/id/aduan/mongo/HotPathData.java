package id.aduan.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;

/** Documents shaped like the services' (only the fields their hot queries read), seeded. */
final class HotPathData {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final String[] AGENCIES = {"BDG", "BTN", "LBK"};
  private static final String[] STATUSES = {
    "RECEIVED", "INCOMPLETE", "VERIFIED", "IN_PROGRESS", "RESOLVED", "ARCHIVED", "CLOSED"
  };

  private HotPathData() {}

  static List<Document> documents(String collection, int count) {
    Random r = new Random(20);
    List<Document> out = new ArrayList<>(count);
    int citizens = Math.max(10, count / 20);
    for (int i = 0; i < count; i++) {
      String agency = AGENCIES[i % AGENCIES.length];
      Instant at = T0.plusSeconds(3600L * (i % 1000));
      out.add(
          switch (collection) {
            case "cases" ->
                new Document("_id", "case-" + i)
                    .append("ticket", String.format("T-%06d", i))
                    .append("agencyCode", agency)
                    .append("division", i % 2 == 0 ? "loket" : "linjamsos")
                    .append("status", STATUSES[r.nextInt(STATUSES.length)])
                    .append("citizenKey", "citizen-" + (i % citizens))
                    .append("receivedAt", at)
                    .append("openedAt", at)
                    .append("lastCitizenMessageAt", at.plusSeconds(r.nextInt(7200)))
                    .append("outboxPending", i % 50 == 0)
                    .append(
                        "dupKeys",
                        List.of("b0|" + (i % 37), "b1|" + (i % 41), "phone:" + (i % citizens)))
                    .append(
                        "messages",
                        List.of(
                            new Document("providerMessageId", "wamid-" + i)
                                .append("channel", "WHATSAPP"),
                            new Document("providerMessageId", "wamid-" + i + "-2")
                                .append("channel", "WHATSAPP")))
                    .append(
                        "deadlines",
                        new Document(
                            "response",
                            new Document("state", r.nextInt(4) == 0 ? "WARNED" : "RUNNING")));
            case "profiles" ->
                new Document("_id", "profile-" + i)
                    .append("agencyCode", agency)
                    .append("citizenKey", "citizen-" + i)
                    .append("identityKeys", List.of("nik-" + (i % 40), "phone-" + (i % 45)));
            case "notifications" ->
                new Document("_id", "n-" + i)
                    .append("state", i % 5 == 0 ? "HELD" : "SENT")
                    .append("toKey", "to-" + (i % 30))
                    .append("caseId", "case-" + (i % 30))
                    .append("audience", i % 7 == 0 ? "OFFICER" : "CITIZEN")
                    .append("sendAt", at)
                    .append("parts", List.of(new Document("automatic", i % 4 != 0)))
                    .append("outboxPending", i % 40 == 0);
            case "attempts" ->
                new Document("_id", "a-" + i)
                    .append("caseId", "case-" + (i % (count / 5)))
                    .append("createdAt", at);
            case "sent" ->
                new Document("_id", "s-" + i)
                    .append("conversation", "conv-" + (i % 25))
                    .append("sentAt", at)
                    .append("read", r.nextBoolean());
            case "raw" ->
                new Document("_id", "r-" + i)
                    .append("laporAgencyId", "LAPOR-" + agency)
                    .append("at", at);
            case "mails" -> new Document("_id", "m-" + i).append("messageId", "<m-" + i + "@x>");
            default -> throw new IllegalArgumentException(collection);
          });
    }
    return out;
  }
}
