/**
 * The messages that cross Kafka between Aduan's services: immutable records of JDK types, the topic
 * catalogue and the CloudEvents header names. Data only; no behaviour, no framework.
 */
@NullMarked
package id.aduan.contracts;

import org.jspecify.annotations.NullMarked;
