/** Work on a timer: catching up on unpublished outbox entries. */
@NullMarked
package id.aduan.sla.scheduling;

import org.jspecify.annotations.NullMarked;
