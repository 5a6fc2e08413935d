/**
 * The mailbox watchers: IDLE as a wake-up, a periodic poll as the backstop, reconnects with
 * backoff.
 */
@NullMarked
package id.aduan.email.scheduling;

import org.jspecify.annotations.NullMarked;
