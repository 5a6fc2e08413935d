/** The notification service: what to tell whom, when, and on which channel. */
@NullMarked
package id.aduan.notification;

import org.jspecify.annotations.NullMarked;
