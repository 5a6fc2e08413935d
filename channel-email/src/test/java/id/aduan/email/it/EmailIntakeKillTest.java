package id.aduan.email.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.email.EmailChannelApplication;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.TopicProbe;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/**
 * The service runs as its own JVM (this module's classes and dependencies, {@code
 * EmailChannelApplication}), reading a mailbox of many mails from GreenMail into the in-JVM broker
 * and MongoDB-protocol server of this test. It is killed with SIGKILL (no shutdown hook, no
 * finishing the mail at hand) twice in the middle of the mailbox and started again each time: every
 * mail ends as exactly one message on Kafka, none lost, none doubled, and every mail is flagged
 * {@code \Seen}.
 */
@AduanKafka
class EmailIntakeKillTest {

  private static final String MAILBOX = "pengaduan@lbk.aduan.test";
  private static final String PASSWORD = "rahasia";
  private static final int MAILS = 300;
  private static final int KILLS = 2;

  @Test
  void killedMidMailboxAndRestartedEveryMailIsExactlyOneMessage() throws Exception {
    GreenMail greenMail =
        new GreenMail(new ServerSetup[] {MailKit.loopback(ServerSetup.PROTOCOL_IMAP)});
    greenMail.start();
    String brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    Process service = null;
    try (TopicProbe probe = new TopicProbe(brokers, Topics.COMPLAINTS_INBOUND)) {
      GreenMailUser user = greenMail.setUser(MAILBOX, MAILBOX, PASSWORD);
      Session session = Session.getInstance(new Properties());
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < MAILS; i++) {
        String id = "<kill-" + i + "@warga.test>";
        expected.add(id);
        String raw =
            MailKit.citizenMail(id, "warga" + i + "@warga.test", MAILBOX, "Keluhan " + i, "isi");
        user.deliver(
            new MimeMessage(
                session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
      }
      probe.drain(Duration.ofMillis(500));
      List<String> args =
          List.of(
              "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
              "--spring.mongodb.uri=" + InJvmMongo.freshDatabaseUri("email-kill"),
              "--server.port=0",
              "--aduan.email.imap.port=" + greenMail.getImap().getPort(),
              "--aduan.email.accounts[0].address=" + MAILBOX,
              "--aduan.email.accounts[0].password=" + PASSWORD,
              "--aduan.email.batch-size=10",
              "--aduan.email.poll-interval=1s");

      List<Integer> onKafkaAtKill = new ArrayList<>();
      for (int run = 1; run <= KILLS; run++) {
        int before = probe.drain(Duration.ofMillis(200)).size();
        service = start(args, run);
        // Killed as soon as this run has put a mail on Kafka: in the middle of the mailbox.
        Process running = service;
        int thisRun = run;
        dumpingThreadsOnTimeout(
            running,
            thisRun,
            () ->
                await()
                    .atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                        () -> {
                          assertThat(running.isAlive()).as("the service is running").isTrue();
                          return probe.awaitAtLeast(before + 1, Duration.ofMillis(100)).size()
                              > before;
                        }));
        service.destroyForcibly();
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
        onKafkaAtKill.add(probe.drain(Duration.ofSeconds(1)).size());
      }

      service = start(args, KILLS + 1);
      dumpingThreadsOnTimeout(
          service,
          KILLS + 1,
          () ->
              await()
                  .atMost(Duration.ofMinutes(10))
                  .pollInterval(Duration.ofSeconds(1))
                  .until(() -> seen(greenMail, user) == MAILS));
      List<ComplaintReceived> all =
          MailKit.read(probe.readToEnd(Duration.ofSeconds(60)), ComplaintReceived.class);

      assertThat(onKafkaAtKill)
          .as("each kill came with part of the mailbox on Kafka")
          .allSatisfy(n -> assertThat(n).isBetween(1, MAILS - 1));
      assertThat(all).hasSize(MAILS);
      assertThat(all)
          .extracting(ComplaintReceived::providerMessageId)
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(IntStream.range(0, all.size()).mapToObj(i -> all.get(i).eventId()).distinct())
          .hasSize(MAILS);
    } finally {
      if (service != null && service.isAlive()) {
        service.destroy();
        if (!service.waitFor(30, TimeUnit.SECONDS)) {
          service.destroyForcibly();
        }
      }
      greenMail.stop();
    }
  }

  /**
   * Runs {@code wait}; when it times out, the state of both JVMs is written first (into
   * target/kill-test-run-N-*.txt and the test's output), so an intermittent hang shows where it
   * stands: the child's threads and heap ({@code jcmd Thread.print}, {@code GC.heap_info}) and this
   * JVM's threads, since the Kafka broker and the MongoDB-protocol server the child talks to run
   * here (a stall on this side looks, from the child's log, like a child that stopped).
   */
  private static void dumpingThreadsOnTimeout(Process child, int run, Runnable wait)
      throws Exception {
    try {
      wait.run();
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      if (child.isAlive()) {
        System.out.println(
            "The service of run "
                + run
                + " timed out; its threads:\n"
                + jcmd(child.pid(), run, "child-threads", "Thread.print", "-l")
                + "\nits heap:\n"
                + jcmd(child.pid(), run, "child-heap", "GC.heap_info"));
      } else {
        System.out.println("The service of run " + run + " exited: " + child.exitValue());
      }
      System.out.println(
          "This JVM's threads (broker, MongoDB-protocol server):\n"
              + jcmd(ProcessHandle.current().pid(), run, "test-threads", "Thread.print", "-l"));
      throw e;
    }
  }

  /** {@code jcmd <pid> <command>}, written to target/kill-test-run-N-<name>.txt and returned. */
  private static String jcmd(long pid, int run, String name, String... command) throws Exception {
    Path out = Path.of("target", "kill-test-run-" + run + "-" + name + ".txt");
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    line.add(String.valueOf(pid));
    line.addAll(List.of(command));
    Process p =
        new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return Files.readString(out);
  }

  /** This module's service in a JVM of its own, its output in target/. */
  private static Process start(List<String> args, int run) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx384m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EmailChannelApplication.class.getName());
    command.addAll(args);
    Path log = Path.of("target", "kill-test-run-" + run + ".log");
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .directory(new File("."))
        .start();
  }

  private static long seen(GreenMail greenMail, GreenMailUser user) throws Exception {
    List<StoredMessage> inbox =
        greenMail.getManagers().getImapHostManager().getInbox(user).getMessages();
    return inbox.stream().filter(m -> m.isSet(Flags.Flag.SEEN)).count();
  }
}
