package id.aduan.email.domain;

/** What a mail is, and so what the intake does with it. */
public enum MailKind {
  /** A citizen wrote: it becomes a {@code ComplaintReceived}. */
  COMPLAINT,
  /** An out-of-office, list or other machine-sent mail: counted and skipped, never a case. */
  AUTO_REPLY,
  /** A delivery status notification: a FAILED receipt for the outbound mail it answers. */
  BOUNCE
}
