package id.aduan.support.messaging;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Whether a failure means the service's own store (MongoDB) did not answer: the connection was
 * refused or lost, no server could be selected in time, or the primary stepped down. Such a failure
 * says nothing about the message, so the message must never be dead-lettered for it
 * (docs/adr/0041); any other failure of the store (a duplicate key, a bad query) is not an outage.
 */
public final class StoreOutages {

  private StoreOutages() {}

  /** True when {@code failure} or one of its causes is a store outage. */
  public static boolean isOutage(Throwable failure) {
    int depth = 0;
    for (Throwable e = failure; e != null && depth < 20; e = e.getCause(), depth++) {
      if (e instanceof DataAccessResourceFailureException
          || e instanceof TransientDataAccessResourceException
          || e instanceof MongoSocketException
          || e instanceof MongoTimeoutException
          || e instanceof MongoNotPrimaryException
          || e instanceof MongoNodeIsRecoveringException) {
        return true;
      }
    }
    return false;
  }
}
