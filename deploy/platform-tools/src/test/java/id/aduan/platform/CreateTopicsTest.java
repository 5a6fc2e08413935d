package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.Topics;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

@EmbeddedKafka
class CreateTopicsTest {

  @Test
  void createsEveryTopicAndDeadLetterTopicOnceAndIsHarmlessTheSecondTime() throws Exception {
    EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();

    var first = CreateTopics.create(broker.getBrokersAsString(), 3, (short) 1);
    var second = CreateTopics.create(broker.getBrokersAsString(), 3, (short) 1);

    assertThat(first)
        .containsExactlyInAnyOrderElementsOf(Topics.all())
        .contains("complaints.inbound.v1.dlq");
    assertThat(second).isEmpty();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
      var described = admin.describeTopics(Topics.all()).allTopicNames().get(30, TimeUnit.SECONDS);
      assertThat(described.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(3));
    }
  }
}
