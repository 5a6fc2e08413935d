package id.aduan.support;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * MongoDB health by {@code ping}, which every MongoDB and the wire-protocol stand-in of the local
 * platform answer. Boot's own indicator sends {@code hello}, which the stand-in does not know, so
 * every service would report DOWN there; this one takes its place under the same bean name.
 */
@AutoConfiguration(
    after = MongoAutoConfiguration.class,
    before = MongoHealthContributorAutoConfiguration.class)
@ConditionalOnClass({MongoClient.class, HealthIndicator.class})
public class MongoHealth {

  @Bean("mongoHealthIndicator")
  @ConditionalOnBean(MongoClient.class)
  HealthIndicator mongoHealthIndicator(MongoClient client) {
    return new PingIndicator(client);
  }

  static final class PingIndicator extends AbstractHealthIndicator {
    private final MongoClient client;

    PingIndicator(MongoClient client) {
      super("MongoDB health check failed");
      this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
      Document answer = client.getDatabase("admin").runCommand(new Document("ping", 1));
      builder.status(answer.get("ok", Number.class).intValue() == 1 ? "UP" : "DOWN");
    }
  }
}
