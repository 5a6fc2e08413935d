/** Typed settings of notification-service. */
@NullMarked
package id.aduan.notification.config;

import org.jspecify.annotations.NullMarked;
