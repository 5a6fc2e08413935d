/**
 * How every Aduan service writes a contract record to Kafka and reads it back: JSON body,
 * CloudEvents attributes in headers, the partition key, synchronous sends (a caller acknowledges
 * its own input only after Kafka acknowledged), and dead letters with a reason.
 */
@NullMarked
package id.aduan.support.messaging;

import org.jspecify.annotations.NullMarked;
