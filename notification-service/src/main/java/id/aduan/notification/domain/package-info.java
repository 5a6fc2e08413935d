/** Notification decisions as plain Java. No Spring, Kafka or MongoDB. */
@NullMarked
package id.aduan.notification.domain;

import org.jspecify.annotations.NullMarked;
