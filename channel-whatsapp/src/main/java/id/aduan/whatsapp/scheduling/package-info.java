/** What runs on a timer: the sender of messages that pacing deferred. */
@NullMarked
package id.aduan.whatsapp.scheduling;

import org.jspecify.annotations.NullMarked;
