package id.aduan.email.client;

import id.aduan.email.config.EmailProperties;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Opens IMAP connections to the agencies' mailboxes. Every fetch uses {@code BODY.PEEK}, so reading
 * a mail never flags it {@code \Seen}: only the intake does that, after Kafka acknowledged it.
 */
@Component
public class ImapClient {

  private final EmailProperties.Imap settings;
  private final String processedFolder;

  public ImapClient(EmailProperties properties) {
    this.settings = properties.imap();
    this.processedFolder = properties.processedFolder();
  }

  /** Opens the INBOX of a mailbox read-write, for the intake. */
  public MailboxSession open(String username, String password) throws MessagingException {
    return connect(username, password, Folder.READ_WRITE);
  }

  /** Opens the INBOX read-only, for a connection that only waits in IDLE. */
  public MailboxSession openForIdle(String username, String password) throws MessagingException {
    return connect(username, password, Folder.READ_ONLY);
  }

  private MailboxSession connect(String username, String password, int mode)
      throws MessagingException {
    String protocol = settings.tls() ? "imaps" : "imap";
    Properties props = new Properties();
    String timeout = String.valueOf(settings.timeout().toMillis());
    props.setProperty("mail.store.protocol", protocol);
    props.setProperty("mail." + protocol + ".host", settings.host());
    props.setProperty("mail." + protocol + ".port", String.valueOf(settings.port()));
    props.setProperty("mail." + protocol + ".connectiontimeout", timeout);
    props.setProperty("mail." + protocol + ".timeout", timeout);
    props.setProperty("mail." + protocol + ".writetimeout", timeout);
    props.setProperty("mail." + protocol + ".peek", "true");
    if (settings.tls()) {
      props.setProperty("mail.imaps.ssl.checkserveridentity", "true");
    }
    Session session = Session.getInstance(props);
    Store store = session.getStore(protocol);
    store.connect(settings.host(), settings.port(), username, password);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(mode);
      return new MailboxSession(store, inbox, processedFolder);
    } catch (MessagingException | RuntimeException e) {
      store.close();
      throw e;
    }
  }
}
