package id.aduan.cases.pii;

import id.aduan.cases.domain.CaseState;
import id.aduan.cases.domain.IdentityKeys;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Citizens;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Replaces the unkeyed identity hashes written before docs/adr/0025 with keyed ones, once, as the
 * service starts (before it takes messages). An unkeyed hash cannot be turned into a keyed one; it
 * is recomputed from the case's decrypted values (its reporters' channel identities, the NIKs and
 * phone numbers in its form and messages): each candidate value's old hash is matched with the
 * stored one and replaced by its keyed hash. A stored hash that no value of the case produces is
 * dropped (it could only be reversed, never used). A case whose personal data cannot be read keeps
 * its hashes until it can. Profiles with a hashed id become one profile per agency with a random
 * id, found by their keyed {@code citizenKey}.
 */
@Component
public class IdentityKeyMigration implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(IdentityKeyMigration.class);
  private static final IdentityKeys UNKEYED = new IdentityKeys(IdentityKeys.UNKEYED_SHA256);

  private final MongoTemplate mongo;
  private final Citizens citizens;
  private final IdentityKeys keyed;

  IdentityKeyMigration(MongoTemplate mongo, Citizens citizens, IdentityKeys keyed) {
    this.mongo = mongo;
    this.citizens = citizens;
    this.keyed = keyed;
  }

  /** What one run changed. */
  public record Result(int cases, int profiles, int dropped) {}

  @Override
  public void afterSingletonsInstantiated() {
    Result r = migrate();
    if (r.cases() + r.profiles() > 0) {
      log.info(
          "identity keys migrated to keyed hashes: {} cases, {} profiles, {} unmatched hashes"
              + " dropped",
          r.cases(),
          r.profiles(),
          r.dropped());
    }
  }

  public Result migrate() {
    String unkeyed = IdentityKeys.UNKEYED.pattern();
    List<CaseDocument> old =
        mongo.find(
            Query.query(
                new Criteria()
                    .orOperator(
                        Criteria.where("citizenKey").regex(unkeyed),
                        Criteria.where("identityKeys").regex(unkeyed))),
            CaseDocument.class);
    Map<String, String> renamed = new HashMap<>();
    Map<String, String> agencyOfCase = new HashMap<>();
    Set<String> waiting = new java.util.HashSet<>();
    int cases = 0;
    int dropped = 0;
    for (CaseDocument doc : old) {
      agencyOfCase.put(doc.id(), doc.state().agencyCode());
      if (doc.personalDataUnreadable()) {
        waiting.add(doc.id());
        continue; // recomputed once its personal data can be read again
      }
      Map<String, String> map = recomputed(doc.state());
      renamed.putAll(map);
      List<String> keys = new ArrayList<>();
      for (String k : doc.state().identityKeys()) {
        String now = rename(k, map);
        if (now == null) {
          dropped++;
        } else if (!keys.contains(now)) {
          keys.add(now);
        }
      }
      String citizenKey =
          doc.state().citizenKey() == null ? null : rename(doc.state().citizenKey(), map);
      Update update = new Update().set("identityKeys", keys);
      if (citizenKey == null) {
        update.unset("citizenKey");
      } else {
        update.set("citizenKey", citizenKey);
      }
      mongo.updateFirst(
          Query.query(Criteria.where("_id").is(doc.id())), update, CaseDocument.class);
      cases++;
    }
    int profiles = migrateProfiles(renamed, agencyOfCase, waiting);
    return new Result(cases, profiles, dropped);
  }

  /** A stored key under its keyed name; itself if already keyed; null if no value produces it. */
  private static String rename(String key, Map<String, String> map) {
    if (!IdentityKeys.UNKEYED.matcher(key).matches()) {
      return key;
    }
    return map.get(key);
  }

  /** Old hash to keyed hash, for every identity value the case holds. */
  private Map<String, String> recomputed(CaseState state) {
    Map<String, String> map = new HashMap<>();
    List<ReplyAddress> reporters = new ArrayList<>(state.otherReporters());
    if (state.replyAddress() != null) {
      reporters.add(state.replyAddress());
    }
    for (ReplyAddress r : reporters) {
      map.put(
          UNKEYED.citizen(r.channel(), r.recipientId()),
          keyed.citizen(r.channel(), r.recipientId()));
      if (r.channel() == Channel.WHATSAPP) {
        map.put(UNKEYED.phone(r.recipientId()), keyed.phone(r.recipientId()));
      }
    }
    List<String> texts = new ArrayList<>(state.form().values());
    state.messages().stream()
        .map(CaseState.Message::text)
        .filter(t -> t != null)
        .forEach(texts::add);
    Set<String> niks = new LinkedHashSet<>();
    Set<String> phones = new LinkedHashSet<>();
    for (String text : texts) {
      Matcher m = PiiText.NIK.matcher(text);
      while (m.find()) {
        niks.add(PiiText.normalizeNik(m.group()));
      }
      phones.addAll(IdentityKeys.phonesIn(text));
    }
    for (String nik : niks) {
      map.put(UNKEYED.nik(nik), keyed.nik(nik));
    }
    for (String phone : phones) {
      map.put(UNKEYED.phone(phone), keyed.phone(phone));
    }
    return map;
  }

  /**
   * Profiles with a hashed id (one per channel identity, across agencies) become one profile per
   * agency with a random id; merges into one person are kept within each agency.
   */
  private int migrateProfiles(
      Map<String, String> renamed, Map<String, String> agencyOfCase, Set<String> waiting) {
    var collection = mongo.getCollection(mongo.getCollectionName(Citizens.Profile.class));
    List<Document> old = new ArrayList<>();
    collection.find(new Document("agencyCode", new Document("$exists", false))).into(old);
    Map<String, String> newIdByOldAndAgency = new HashMap<>();
    Map<String, Document> oldById = new HashMap<>();
    int migrated = 0;
    for (Document p : old) {
      String oldId = String.valueOf(p.get("_id"));
      oldById.put(oldId, p);
      String citizenKey = renamed.get(oldId);
      List<String> keys = new ArrayList<>();
      for (String k : p.getList("identityKeys", String.class, List.of())) {
        String now = rename(k, renamed);
        if (now != null && !keys.contains(now)) {
          keys.add(now);
        }
      }
      if (citizenKey != null && !oldId.equals(citizenKey)) {
        Channel channel = Channel.valueOf(p.getString("channel"));
        Instant first = p.getDate("firstSeen").toInstant();
        Instant last = p.getDate("lastSeen").toInstant();
        for (String caseId : p.getList("caseIds", String.class, List.of())) {
          String agency = agencyOfCase.computeIfAbsent(caseId, this::agencyOf);
          if (agency == null) {
            continue;
          }
          String name = p.getString("displayName");
          citizens.record(agency, citizenKey, channel, name, keys, caseId, first);
          Citizens.Profile now =
              citizens.record(agency, citizenKey, channel, name, keys, caseId, last);
          newIdByOldAndAgency.put(oldId + "|" + agency, now.id());
        }
        migrated++;
      }
    }
    // Merged persons: within an agency, the new profile of the old person id.
    for (Map.Entry<String, String> e : newIdByOldAndAgency.entrySet()) {
      String oldId = e.getKey().substring(0, e.getKey().lastIndexOf('|'));
      String agency = e.getKey().substring(e.getKey().lastIndexOf('|') + 1);
      Object oldPerson = oldById.get(oldId).get("personId");
      String person = newIdByOldAndAgency.get(oldPerson + "|" + agency);
      if (person != null && !oldId.equals(oldPerson)) {
        mongo.updateFirst(
            Query.query(Criteria.where("_id").is(e.getValue())),
            new Update().set("personId", person),
            Citizens.Profile.class);
      }
    }
    for (Document p : old) {
      // Kept only while a case of the profile waits for its personal data to be readable again.
      boolean waits =
          p.getList("caseIds", String.class, List.of()).stream().anyMatch(waiting::contains);
      if (!waits) {
        collection.deleteOne(new Document("_id", p.get("_id")));
      }
    }
    return migrated;
  }

  private String agencyOf(String caseId) {
    Document d =
        mongo
            .getCollection(mongo.getCollectionName(CaseDocument.class))
            .find(new Document("_id", caseId))
            .projection(new Document("agencyCode", 1))
            .first();
    return d == null ? null : d.getString("agencyCode");
  }
}
