package id.aduan.support.web;

import id.aduan.support.messaging.EventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Kafka did not acknowledge: answer 503 so the provider retries; nothing was acknowledged. A
 * channel whose webhooks must behave so imports it ({@code @Import(KafkaUnavailableAdvice.class)}).
 */
@RestControllerAdvice
public class KafkaUnavailableAdvice {

  @ExceptionHandler(EventPublisher.PublishFailedException.class)
  ProblemDetail kafkaDown(EventPublisher.PublishFailedException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE, "The message could not be stored yet; retry later.");
    problem.setTitle("Service Unavailable");
    return problem;
  }
}
