package id.aduan.mongo;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The indexes of one collection that choose among themselves which one serves a query.
 *
 * <p>mongo-java-server asks a collection's indexes in the order they were created and takes the
 * first that can handle the query; with several compound indexes sharing a leading key that would
 * be whichever came first, not the one that narrows most. Each index of the group therefore answers
 * "yes" only when no other member scores higher for the query (ties go to the one created first).
 */
final class IndexGroup<P> {

  /** An index that can say how well it would serve a query (0: not at all). */
  interface Member<P> {
    String name();

    int score(Document query);

    Index<P> index();
  }

  private final List<Member<P>> members = new CopyOnWriteArrayList<>();

  /** The member called {@code name}, so a repeated {@code createIndexes} reuses it. */
  Index<P> find(String name) {
    for (Member<P> member : members) {
      if (member.name().equals(name)) {
        return member.index();
      }
    }
    return null;
  }

  List<Member<P>> members() {
    return members;
  }

  void add(Member<P> member) {
    members.add(member);
  }

  void remove(Member<P> member) {
    members.remove(member);
  }

  boolean chooses(Member<P> candidate, Document query, int score) {
    if (score <= 0) {
      return false;
    }
    for (Member<P> other : members) {
      if (other == candidate) {
        // Everyone after the candidate must beat it strictly.
        continue;
      }
      int otherScore = other.score(query);
      if (otherScore > score
          || (otherScore == score && members.indexOf(other) < members.indexOf(candidate))) {
        return false;
      }
    }
    return true;
  }
}
