package id.aduan.testsupport;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bson.BsonValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Counts the MongoDB commands a service sends (issue 20: store round trips per complaint), from the
 * driver's own {@link CommandListener}: every read and write is one command, whatever repository
 * method made it. Register it on a service with {@link #initializer()} (it is then the context's
 * {@link MongoClientSettingsBuilderCustomizer}); the driver's handshakes and heartbeats are not
 * counted. The listener runs on the thread that sends the command, which is recorded, so a test can
 * leave out its own look-ups.
 */
public final class StoreCommands implements CommandListener, MongoClientSettingsBuilderCustomizer {

  /** One command: its name ({@code find}, {@code insert}, ...), collection and sending thread. */
  public record Command(String name, String collection, String thread) {
    @Override
    public String toString() {
      return name + " " + collection;
    }
  }

  private static final Set<String> NOT_COUNTED =
      Set.of(
          "hello",
          "ismaster",
          "isMaster",
          "buildInfo",
          "buildinfo",
          "ping",
          "endSessions",
          "saslStart",
          "saslContinue",
          "getLastError",
          "killCursors");

  private final ConcurrentLinkedQueue<Command> seen = new ConcurrentLinkedQueue<>();

  @Override
  public void customize(com.mongodb.MongoClientSettings.Builder settings) {
    settings.addCommandListener(this);
  }

  /** Registers this counter in the context before it starts. */
  public ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
    return ctx -> ctx.getBeanFactory().registerSingleton("storeCommands", this);
  }

  @Override
  public void commandStarted(CommandStartedEvent event) {
    if (NOT_COUNTED.contains(event.getCommandName())) {
      return;
    }
    BsonValue target = event.getCommand().get(event.getCommandName());
    seen.add(
        new Command(
            event.getCommandName(),
            target != null && target.isString() ? target.asString().getValue() : "",
            Thread.currentThread().getName()));
  }

  /** Forgets what was counted so far. */
  public void reset() {
    seen.clear();
  }

  /** The commands counted since the last {@link #reset}, in order, that {@code which} accepts. */
  public List<Command> commands(Predicate<Command> which) {
    return new ArrayList<>(seen).stream().filter(which).toList();
  }

  /**
   * The commands counted since the last reset that the service's consumers and web threads sent:
   * not the calling (test) thread's look-ups, nor the timers' work (Spring's {@code scheduling-}
   * threads: sweeps and scans run whether or not a complaint came).
   */
  public List<Command> ofOtherThreads() {
    String me = Thread.currentThread().getName();
    return commands(c -> !c.thread().equals(me) && !c.thread().startsWith("scheduling-"));
  }

  /** How many commands each thread sent, for a test's log. */
  public static Map<String, Long> byThread(List<Command> commands) {
    return commands.stream()
        .collect(Collectors.groupingBy(Command::thread, TreeMap::new, Collectors.counting()));
  }

  /** How many of each command on each collection, e.g. {@code {"find case_views": 1}}. */
  public static Map<String, Long> tally(List<Command> commands) {
    return commands.stream()
        .collect(Collectors.groupingBy(Command::toString, TreeMap::new, Collectors.counting()));
  }
}
