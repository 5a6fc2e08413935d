/**
 * What runs on a timer: the sender of messages that pacing deferred, and the later downloads of
 * media that failed while their message was published.
 */
@NullMarked
package id.aduan.whatsapp.scheduling;

import org.jspecify.annotations.NullMarked;
