/** What the services' tests share: in-JVM Kafka and MongoDB, stand-ins, architecture rules. */
@NullMarked
package id.aduan.testsupport;

import org.jspecify.annotations.NullMarked;
