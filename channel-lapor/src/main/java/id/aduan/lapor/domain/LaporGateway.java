package id.aduan.lapor.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The port to SP4N-LAPOR!. Its agency API is documented only inside its admin portal, so the
 * transport sits behind this interface (docs/lapor.md holds the assumed contract): a different
 * transport replaces the client package and nothing else.
 */
public interface LaporGateway {

  /**
   * Reports of one agency updated at or after {@code since}, one page at a time.
   *
   * @param cursor null for the first page, else {@link Page#nextCursor()} of the previous one
   */
  Page listUpdated(String laporAgencyId, Instant since, @Nullable String cursor);

  /**
   * One report as it is now, whoever it is dispositioned to ({@code GET /reports/{trackingId}}): a
   * page holding that one report, read and archived as a listing is. The listing stops showing a
   * report dispositioned away from the agency; this read is how the adapter still sees it.
   */
  Page report(String trackingId);

  /**
   * Posts a follow-up (tindak lanjut). LAPOR! answers a repeated {@code idempotencyKey} with the
   * first result, so a retry never posts twice.
   *
   * @return LAPOR!'s id of the follow-up
   */
  String postFollowUp(
      String trackingId, String text, List<OutgoingAttachment> attachments, String idempotencyKey);

  /** Changes the report's status (e.g. bukan_wewenang to return it), idempotent as above. */
  void changeStatus(String trackingId, String status, String note, String idempotencyKey);

  /** The category tree ({@code gettopics}), flat with parent ids. */
  Topics topics();

  /**
   * Downloads one attachment of a report, reading at most {@code maxBytes}: the URL LAPOR! gives
   * may expire, so the adapter keeps the bytes. Never throws for a failed download; it says so.
   */
  FetchedFile fetch(String url, long maxBytes);

  /**
   * One page of reports, with the response exactly as received, for the archive.
   *
   * @param unreadable reports of the page that could not be read; the rest of the page still is
   * @param nextCursor null on the last page
   */
  record Page(
      List<LaporReport> reports,
      List<Unreadable> unreadable,
      @Nullable String nextCursor,
      String raw) {
    public Page {
      reports = List.copyOf(reports);
      unreadable = List.copyOf(unreadable);
    }
  }

  /** A report LAPOR! sent that the mapper could not read, as raw JSON, with why. */
  record Unreadable(String json, String reason) {}

  record Topic(String id, String name, @Nullable String parentId) {}

  record Topics(List<Topic> topics, String raw) {
    public Topics {
      topics = List.copyOf(topics);
    }
  }

  record OutgoingAttachment(String fileName, @Nullable String url) {}

  /**
   * @param bytes the content when {@code outcome} is FETCHED
   * @param failure why not, when FAILED (an exception class or HTTP status, never content)
   */
  record FetchedFile(
      Outcome outcome,
      byte @Nullable [] bytes,
      @Nullable String mediaType,
      @Nullable String failure) {

    public enum Outcome {
      FETCHED,
      TOO_LARGE,
      FAILED
    }

    public static FetchedFile fetched(byte[] bytes, @Nullable String mediaType) {
      return new FetchedFile(Outcome.FETCHED, bytes, mediaType, null);
    }

    public static FetchedFile tooLarge() {
      return new FetchedFile(Outcome.TOO_LARGE, null, null, "larger than the limit");
    }

    public static FetchedFile failed(String why) {
      return new FetchedFile(Outcome.FAILED, null, null, why);
    }
  }
}
