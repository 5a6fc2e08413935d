/**
 * Mail rules as plain Java: MIME parsing, reply trimming, auto-reply and bounce detection,
 * threading, VERP and checkpoints; no Spring, Kafka or MongoDB.
 */
@NullMarked
package id.aduan.email.domain;

import org.jspecify.annotations.NullMarked;
