package id.aduan.contracts;

/**
 * CloudEvents 1.0 attributes carried in Kafka headers (binary content mode). The body is the JSON
 * of the record; {@code ce_type} names the record (see {@link EventTypes}).
 */
public final class CloudEventHeaders {
  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String TIME = "ce_time";
  public static final String SUBJECT = "ce_subject";
  public static final String SPEC_VERSION = "ce_specversion";
  public static final String SPEC_VERSION_VALUE = "1.0";
  public static final String CONTENT_TYPE = "content-type";

  /** Why a message went to a dead-letter topic (set by the service that dead-lettered it). */
  public static final String DLQ_REASON = "aduan_dlq_reason";

  private CloudEventHeaders() {}
}
