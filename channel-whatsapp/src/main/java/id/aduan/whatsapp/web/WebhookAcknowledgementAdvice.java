package id.aduan.whatsapp.web;

import com.mongodb.MongoException;
import id.aduan.whatsapp.messaging.InboundPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Kafka did not acknowledge what a webhook carried, or MongoDB could not answer the dedup lookup:
 * 503 with a problem body, so the provider retries; nothing was acknowledged (the same answer as
 * service-support's KafkaUnavailableAdvice for the synchronous publisher).
 */
@RestControllerAdvice
class WebhookAcknowledgementAdvice {

  @ExceptionHandler({
    InboundPublisher.NotAcknowledgedException.class,
    MongoException.class,
    DataAccessException.class
  })
  ProblemDetail kafkaDown(RuntimeException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE, "The message could not be stored yet; retry later.");
    problem.setTitle("Service Unavailable");
    return problem;
  }
}
