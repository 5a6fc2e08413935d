package id.aduan.platform;

import id.aduan.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates every topic of the catalogue ({@link Topics#all()}, dead-letter topics included) that the
 * broker does not have yet. The services never create topics themselves, so a typo in a binding
 * fails loudly instead of making a new topic.
 *
 * <p>Arguments: {@code <bootstrap servers> <partitions> <replication factor>}.
 */
public final class CreateTopics {

  private CreateTopics() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: CreateTopics <bootstrap servers> <partitions> <replication>");
      System.exit(2);
    }
    List<String> created = create(args[0], Integer.parseInt(args[1]), Short.parseShort(args[2]));
    System.out.println(
        created.isEmpty()
            ? "all " + Topics.all().size() + " topics exist"
            : "created " + created.size() + " topics: " + String.join(", ", created));
  }

  /** Creates the missing topics and returns their names. */
  public static List<String> create(String bootstrap, int partitions, short replication)
      throws ExecutionException, InterruptedException {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
      awaitBrokers(admin, replication);
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : Topics.all()) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, partitions, replication));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the broker at " + bootstrap + " did not answer in 30 s", e);
    }
  }

  /**
   * Waits (at most 60 s) until at least {@code replication} brokers have joined: the nodes of a
   * cluster open their ports one by one, and a topic with more replicas than brokers is refused.
   */
  private static void awaitBrokers(Admin admin, short replication)
      throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int brokers;
    while ((brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size())
        < replication) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + brokers + " brokers joined within 60 s; replication " + replication);
      }
      Thread.sleep(200);
    }
  }
}
