package id.aduan.contracts;

import java.util.List;

/** The topic catalogue: every topic name is written once, here. */
public final class Topics {

  /** Normalized citizen messages from every channel adapter; key: agency + citizen identity. */
  public static final String COMPLAINTS_INBOUND = "complaints.inbound.v1";

  /** Facts about cases ({@link CaseEvent}); key: case id. */
  public static final String CASES_EVENTS = "cases.events.v1";

  /** Facts about deadlines ({@link SlaEvent}); key: case id. */
  public static final String SLA_EVENTS = "sla.events.v1";

  /** {@link OutboundMessage}s for each channel adapter; key: recipient. */
  public static final String OUTBOUND_WHATSAPP = "outbound.whatsapp.v1";

  public static final String OUTBOUND_EMAIL = "outbound.email.v1";
  public static final String OUTBOUND_LAPOR = "outbound.lapor.v1";
  public static final String OUTBOUND_SOCIAL = "outbound.social.v1";

  /** {@link DeliveryReceipt}s from every channel adapter; key: outbound message id. */
  public static final String DELIVERY_RECEIPTS = "delivery.receipts.v1";

  /** The suffix of every dead-letter topic. */
  public static final String DLQ_SUFFIX = ".dlq";

  /** Every main topic, in the order the local platform creates them. */
  public static final List<String> MAIN =
      List.of(
          COMPLAINTS_INBOUND,
          CASES_EVENTS,
          SLA_EVENTS,
          OUTBOUND_WHATSAPP,
          OUTBOUND_EMAIL,
          OUTBOUND_LAPOR,
          OUTBOUND_SOCIAL,
          DELIVERY_RECEIPTS);

  private Topics() {}

  public static String dlq(String topic) {
    return topic + DLQ_SUFFIX;
  }

  /** Every topic including the dead-letter topics. */
  public static List<String> all() {
    return MAIN.stream().flatMap(t -> java.util.stream.Stream.of(t, dlq(t))).toList();
  }

  /** The outbound topic of a channel. */
  public static String outboundFor(Channel channel) {
    return switch (channel) {
      case WHATSAPP -> OUTBOUND_WHATSAPP;
      case EMAIL -> OUTBOUND_EMAIL;
      case LAPOR -> OUTBOUND_LAPOR;
      case FACEBOOK, INSTAGRAM -> OUTBOUND_SOCIAL;
      case FRONT_DESK ->
          throw new IllegalArgumentException("the front desk has no outbound channel");
      case WEB -> throw new IllegalArgumentException("the web form has no outbound channel");
    };
  }
}
