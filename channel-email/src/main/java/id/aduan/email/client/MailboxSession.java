package id.aduan.email.client;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jspecify.annotations.Nullable;

/** One open IMAP connection to one mailbox's INBOX. Not thread-safe: one owner at a time. */
public final class MailboxSession implements AutoCloseable {

  private final Store store;
  private final Folder inbox;
  private final String processedFolder;

  MailboxSession(Store store, Folder inbox, String processedFolder) {
    this.store = store;
    this.inbox = inbox;
    this.processedFolder = processedFolder;
  }

  /** One mail as the server holds it. */
  public record FetchedMail(long uid, byte[] raw, @Nullable Instant receivedAt) {}

  public long uidValidity() throws MessagingException {
    return ((UIDFolder) inbox).getUIDValidity();
  }

  /** Up to {@code max} mails with UID {@code >= fromUid}, in UID order. */
  public List<FetchedMail> fetchFrom(long fromUid, int max) throws MessagingException, IOException {
    UIDFolder uids = (UIDFolder) inbox;
    // An explicit NOOP first: it makes the server report mail that arrived since the last
    // command (getMessageCount() would skip the NOOP within a second of the previous command).
    if (inbox instanceof IMAPFolder imap) {
      imap.doCommand(
          protocol -> {
            protocol.noop();
            return null;
          });
    } else {
      inbox.getMessageCount();
    }
    // "UID n:*" always answers with the last mail even when its UID is below n: filter.
    Message[] messages = uids.getMessagesByUID(fromUid, UIDFolder.LASTUID);
    List<Message> wanted = new ArrayList<>();
    for (Message m : messages) {
      if (m == null || m.isExpunged() || uids.getUID(m) < fromUid) {
        continue;
      }
      wanted.add(m);
      if (wanted.size() >= max) {
        break;
      }
    }
    // Size and arrival date in one FETCH, without the ENVELOPE: a server that cannot build the
    // envelope of a malformed mail (GreenMail, for a From it cannot parse) must not stop the
    // mailbox; the raw bytes are all the parser needs.
    FetchProfile profile = new FetchProfile();
    profile.add(FetchProfile.Item.SIZE);
    profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
    Message[] batch = wanted.toArray(Message[]::new);
    inbox.fetch(batch, profile);
    List<FetchedMail> fetched = new ArrayList<>();
    for (Message m : batch) {
      ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(m.getSize(), 1024));
      m.writeTo(raw);
      fetched.add(
          new FetchedMail(
              uids.getUID(m),
              raw.toByteArray(),
              m.getReceivedDate() == null ? null : m.getReceivedDate().toInstant()));
    }
    return fetched;
  }

  /** Flags the mail {@code \Seen}, or moves it to the processed folder when one is configured. */
  public void markProcessed(long uid) throws MessagingException {
    Message m = ((UIDFolder) inbox).getMessageByUID(uid);
    if (m == null) {
      return;
    }
    if (processedFolder.isBlank()) {
      m.setFlag(Flags.Flag.SEEN, true);
      return;
    }
    Folder target = store.getFolder(processedFolder);
    if (!target.exists()) {
      target.create(Folder.HOLDS_MESSAGES);
    }
    m.setFlag(Flags.Flag.SEEN, true);
    if (inbox instanceof IMAPFolder imap) {
      imap.moveMessages(new Message[] {m}, target);
    } else {
      inbox.copyMessages(new Message[] {m}, target);
      m.setFlag(Flags.Flag.DELETED, true);
      inbox.expunge();
    }
  }

  /** Whether the mail with this UID is flagged {@code \Seen} (tests and diagnostics). */
  public boolean isSeen(long uid) throws MessagingException {
    Message m = ((UIDFolder) inbox).getMessageByUID(uid);
    return m != null && m.isSet(Flags.Flag.SEEN);
  }

  /**
   * Waits in IMAP IDLE until the server reports a change (a new mail, typically), or the connection
   * is closed from another thread.
   */
  public void idleOnce() throws MessagingException {
    ((IMAPFolder) inbox).idle(true);
  }

  @Override
  public void close() {
    try {
      if (inbox.isOpen()) {
        inbox.close(false);
      }
    } catch (MessagingException | RuntimeException e) {
      // closing a broken connection: nothing more to do
    }
    try {
      store.close();
    } catch (MessagingException | RuntimeException e) {
      // as above
    }
  }
}
