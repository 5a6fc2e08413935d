/** Scheduled work of the case service: the sweep that publishes outbox entries left pending. */
@NullMarked
package id.aduan.cases.scheduling;

import org.jspecify.annotations.NullMarked;
