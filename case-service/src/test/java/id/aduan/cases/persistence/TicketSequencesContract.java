package id.aduan.cases.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** What {@link TicketSequences} promises, whichever MongoDB it runs on. */
public abstract class TicketSequencesContract {

  protected TicketSequences tickets;

  /** The repository on any {@link MongoTemplate}, for subclasses outside this package. */
  protected static TicketSequences ticketSequencesOn(MongoTemplate mongo) {
    return new TicketSequences(mongo);
  }

  @Test
  void theFirstTicketOfAYearIsOneAndEachNextIsOneHigher() {
    assertThat(
            List.of(
                tickets.next("BDG", 2026), tickets.next("BDG", 2026), tickets.next("BDG", 2026)))
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void eachAgencyCountsOnItsOwn() {
    tickets.next("BDG", 2026);
    tickets.next("BDG", 2026);

    assertThat(tickets.next("BTN", 2026)).isEqualTo(1L);
    assertThat(tickets.next("BDG", 2026)).isEqualTo(3L);
  }

  @Test
  void eachYearStartsAgainAtOne() {
    tickets.next("BDG", 2026);
    tickets.next("BDG", 2026);

    assertThat(tickets.next("BDG", 2027)).isEqualTo(1L);
    assertThat(tickets.next("BDG", 2026)).isEqualTo(3L);
  }

  @Test
  void givenConcurrentCallersOnANewCounter_thenEveryNumberIsHandedOutExactlyOnce()
      throws Exception {
    int threads = 8;
    int perThread = 25;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<List<Long>> caller =
            () -> {
              go.await();
              List<Long> mine = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                mine.add(tickets.next("PSR", 2026));
              }
              return mine;
            };
        results.add(pool.submit(caller));
      }
      go.countDown();
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> result : results) {
        List<Long> mine = result.get();
        assertThat(mine).as("one caller's numbers only grow").isSorted().doesNotHaveDuplicates();
        all.addAll(mine);
      }

      assertThat(all)
          .containsExactlyInAnyOrderElementsOf(
              LongStream.rangeClosed(1, (long) threads * perThread).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }
}
