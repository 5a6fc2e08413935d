/**
 * Deadline rules as plain Java: the counting rule, policies, calendars. No Spring, Kafka or
 * MongoDB.
 */
@NullMarked
package id.aduan.sla.domain;

import org.jspecify.annotations.NullMarked;
