package id.aduan.email.scheduling;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.email.client.ImapClient;
import id.aduan.email.client.MailboxSession;
import id.aduan.email.config.EmailProperties;
import id.aduan.email.messaging.MailboxIntake;
import id.aduan.email.messaging.MailboxIntake.Mailbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Two threads per mailbox. The reader opens the mailbox and reads it whenever it is woken, and at
 * least every poll interval (the backstop); after a full batch it reads again at once. The idler
 * keeps a second connection in IMAP IDLE and only wakes the reader when the server reports a
 * change: if IDLE breaks or the server lacks it, mail still arrives by the poll. Both reconnect
 * after a failure with exponential backoff.
 */
@Component
public class MailboxWatchers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MailboxWatchers.class);

  private final EmailProperties properties;
  private final AgencyCatalog agencies;
  private final ImapClient imap;
  private final MailboxIntake intake;
  private final MeterRegistry meters;
  private final List<Watcher> watchers = new ArrayList<>();
  private final Map<String, AtomicInteger> idleGauges = new ConcurrentHashMap<>();
  private volatile boolean running;

  MailboxWatchers(
      EmailProperties properties,
      AgencyCatalog agencies,
      ImapClient imap,
      MailboxIntake intake,
      MeterRegistry meters) {
    this.properties = properties;
    this.agencies = agencies;
    this.imap = imap;
    this.intake = intake;
    this.meters = meters;
  }

  @Override
  public synchronized void start() {
    running = true;
    if (!properties.intakeEnabled()) {
      log.info("mailbox intake is disabled (aduan.email.intake-enabled=false)");
      return;
    }
    for (Agency agency : agencies.all()) {
      for (String address : agency.channels().mailboxes()) {
        var account = properties.credentials(address);
        if (account.isEmpty()) {
          log.warn(
              "mailbox {} of {} has no password (aduan.email.accounts or aduan.email.default-password): not read",
              address,
              agency.code());
          meters.counter("aduan.email.mailboxes.unconfigured", "agency", agency.code()).increment();
          continue;
        }
        Watcher w =
            new Watcher(
                new Mailbox(address, agency.code()),
                account.get().username(),
                account.get().password());
        watchers.add(w);
        w.start();
      }
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    watchers.forEach(Watcher::stop);
    watchers.forEach(Watcher::join);
    watchers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** The wait after the next failed connection: double the last one, at most {@code max}. */
  static Duration nextBackoff(Duration last, Duration max) {
    Duration doubled = last.multipliedBy(2);
    return doubled.compareTo(max) > 0 ? max : doubled;
  }

  /** Wakes every reader now (tests, and an operator's "read now"). */
  public void wakeAll() {
    watchers.forEach(w -> w.wake.release());
  }

  private final class Watcher {
    final Mailbox mailbox;
    final String username;
    final String password;
    final Semaphore wake = new Semaphore(0);
    final AtomicReference<@Nullable MailboxSession> idling = new AtomicReference<>();
    final Thread reader;
    final Thread idler;
    final AtomicInteger idleGauge;

    Watcher(Mailbox mailbox, String username, String password) {
      this.mailbox = mailbox;
      this.idleGauge =
          idleGauges.computeIfAbsent(
              mailbox.agencyCode(),
              code ->
                  meters.gauge(
                      "aduan.email.imap.idling",
                      io.micrometer.core.instrument.Tags.of("agency", code),
                      new AtomicInteger()));
      this.username = username;
      this.password = password;
      this.reader =
          Thread.ofPlatform().daemon().name("imap-read-" + mailbox.address()).unstarted(this::read);
      this.idler =
          Thread.ofPlatform().daemon().name("imap-idle-" + mailbox.address()).unstarted(this::idle);
    }

    void start() {
      reader.start();
      if (properties.idle()) {
        idler.start();
      }
    }

    void stop() {
      wake.release();
      MailboxSession session = idling.getAndSet(null);
      if (session != null) {
        session.close();
      }
      // The reader is not interrupted: it finishes the mail at hand (an interrupted Kafka or
      // MongoDB
      // call would only make it read that mail again) and sees running == false before the next.
      idler.interrupt();
    }

    void join() {
      try {
        if (reader.getState() != Thread.State.NEW) {
          reader.join(Duration.ofSeconds(30));
        }
        if (idler.getState() != Thread.State.NEW) {
          idler.join(Duration.ofSeconds(5));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void read() {
      Duration backoff = properties.reconnectInitialBackoff();
      while (running) {
        try (MailboxSession session = imap.open(username, password)) {
          backoff = properties.reconnectInitialBackoff();
          while (running) {
            int taken = intake.readOnce(session, mailbox, properties.batchSize(), () -> running);
            if (taken >= properties.batchSize()) {
              continue;
            }
            if (wake.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
              wake.drainPermits();
            }
          }
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          if (!running) {
            return;
          }
          // The exception's class only: a parser's or server's message may quote a sender's
          // address or a line of the mail (docs/adr/0026).
          log.warn(
              "reading mailbox {} failed ({}); reconnecting in {}",
              mailbox.address(),
              e.getClass().getSimpleName(),
              backoff);
          if (!backOff("read", backoff)) {
            return;
          }
          backoff = next(backoff);
        }
      }
    }

    private void idle() {
      Duration backoff = properties.reconnectInitialBackoff();
      while (running) {
        try (MailboxSession session = imap.openForIdle(username, password)) {
          idling.set(session);
          if (!running) {
            return;
          }
          backoff = properties.reconnectInitialBackoff();
          // Mail that came while no IDLE was open (startup, reconnect) is read now.
          wake.release();
          idleGauge.incrementAndGet();
          try {
            while (running) {
              session.idleOnce();
              log.debug("IDLE on {} reported a change", mailbox.address());
              wake.release();
            }
          } finally {
            idleGauge.decrementAndGet();
          }
        } catch (Exception e) {
          if (!running) {
            return;
          }
          log.info(
              "IDLE on mailbox {} ended ({}); the poll every {} still reads it; retrying in {}",
              mailbox.address(),
              e.getClass().getSimpleName(),
              properties.pollInterval(),
              backoff);
          wake.release();
          if (!backOff("idle", backoff)) {
            return;
          }
          backoff = next(backoff);
        } finally {
          idling.set(null);
        }
      }
    }

    /** Counts a failed connection and waits; false when the service is stopping. */
    private boolean backOff(String connection, Duration backoff) {
      if (!running) {
        return false;
      }
      meters
          .counter(
              "aduan.email.imap.reconnects",
              "agency",
              mailbox.agencyCode(),
              "connection",
              connection)
          .increment();
      return sleep(backoff);
    }

    private Duration next(Duration backoff) {
      return nextBackoff(backoff, properties.reconnectMaxBackoff());
    }

    private boolean sleep(Duration d) {
      try {
        Thread.sleep(d);
        return running;
      } catch (InterruptedException e) {
        return false;
      }
    }
  }
}
