/** MongoDB: notifications and attempts, case views, recipients, citizen windows, daily counts. */
@NullMarked
package id.aduan.notification.persistence;

import org.jspecify.annotations.NullMarked;
