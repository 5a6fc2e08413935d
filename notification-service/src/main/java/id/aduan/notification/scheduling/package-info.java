/** Work on a timer: catching up on unpublished outbox entries. */
@NullMarked
package id.aduan.notification.scheduling;

import org.jspecify.annotations.NullMarked;
