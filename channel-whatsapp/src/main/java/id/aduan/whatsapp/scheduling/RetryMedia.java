package id.aduan.whatsapp.scheduling;

import id.aduan.whatsapp.messaging.MediaFetcher;
import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Fetches, on schedule, the media whose download failed when its message was published. */
@Component
class RetryMedia {

  private final MediaFetcher fetcher;
  private final Clock clock;

  RetryMedia(MediaFetcher fetcher, Clock clock) {
    this.fetcher = fetcher;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${aduan.whatsapp.media-retry-interval:60s}",
      fixedDelayString = "${aduan.whatsapp.media-retry-interval:60s}")
  void retryDue() {
    fetcher.retryDue(clock.instant());
  }
}
