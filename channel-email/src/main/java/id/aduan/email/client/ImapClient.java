package id.aduan.email.client;

import id.aduan.email.config.EmailProperties;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * Opens IMAP connections to the agencies' mailboxes. Every fetch uses {@code BODY.PEEK}, so reading
 * a mail never flags it {@code \Seen}: only the intake does that, after Kafka acknowledged it.
 */
@Component
public class ImapClient {

  private final EmailProperties.Imap settings;
  private final String processedFolder;
  private final @Nullable SSLSocketFactory tlsSockets;

  /** A client that trusts what the JVM's default trust store trusts. */
  public ImapClient(EmailProperties properties) {
    this(properties, (SSLSocketFactory) null);
  }

  /**
   * A client whose TLS connections trust the SSL bundle {@code aduan.email.imap.ssl-bundle} names
   * (when it names one).
   */
  @Autowired
  public ImapClient(EmailProperties properties, SslBundles bundles) {
    this(
        properties,
        properties.imap().sslBundle().isBlank()
            ? null
            : bundles
                .getBundle(properties.imap().sslBundle())
                .createSslContext()
                .getSocketFactory());
  }

  private ImapClient(EmailProperties properties, @Nullable SSLSocketFactory tlsSockets) {
    this.settings = properties.imap();
    this.processedFolder = properties.processedFolder();
    this.tlsSockets = tlsSockets;
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
      props.setProperty(
          "mail.imaps.ssl.checkserveridentity", String.valueOf(settings.checkServerIdentity()));
      if (tlsSockets != null) {
        props.put("mail.imaps.ssl.socketFactory", tlsSockets);
      }
      // A refused certificate ends the attempt: no second try with the JVM's default sockets.
      props.setProperty("mail.imaps.socketFactory.fallback", "false");
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
