package id.aduan.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection that reads a sorted, limited query in the order of its index
 * when the index can give that order ({@link SecondaryIndex#orderedPositions}): documents are read
 * one by one in sort order, matched, and reading stops at the limit, instead of reading every
 * candidate, matching them all and sorting (the duplicate check's newest-first candidates, ADR 0049
 * and 0056). Everything else is the stock collection's.
 */
final class IndexingH2Collection extends H2Collection {

  private final DocumentValueType valueType;

  IndexingH2Collection(
      MongoDatabase database,
      String collectionName,
      CollectionOptions options,
      MVMap<Object, Document> dataMap,
      MVMap<String, Object> metaMap,
      CursorRegistry cursorRegistry,
      DocumentValueType valueType) {
    super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    this.valueType = valueType;
  }

  /**
   * The server changed the stored document in place and puts the same object back: its kept bytes
   * are stale from here on (ADR 0058). (No type when the map was opened before with another one.)
   */
  @Override
  protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
    if (valueType != null) {
      valueType.changed(newDocument);
    }
    super.handleUpdate(position, oldDocument, newDocument);
  }

  @Override
  protected QueryResult queryDocuments(
      Document query,
      Document orderBy,
      int numberToSkip,
      int limit,
      int batchSize,
      Document fieldSelector) {
    if (limit > 0 && orderBy != null && orderBy.size() == 1) {
      String field = orderBy.keySet().iterator().next();
      if (!field.startsWith("$")
          && orderBy.get(field) instanceof Number direction
          && Math.abs(direction.doubleValue()) == 1) {
        // The index the server would choose: the first that can handle the query.
        for (Index<Object> index : getIndexes()) {
          if (index.canHandle(query)) {
            List<Object> ordered =
                index instanceof SecondaryIndex<Object> secondary
                    ? secondary.orderedPositions(query, field, direction.doubleValue() < 0)
                    : null;
            if (ordered != null) {
              return matchDocumentsFromStream(
                  query,
                  ordered.stream().map(this::getDocument),
                  numberToSkip,
                  limit,
                  batchSize,
                  null,
                  fieldSelector);
            }
            break;
          }
        }
      }
    }
    return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
  }
}
