/** Case rules as plain Java: ticket numbers, opening, lifecycle. No Spring, Kafka or MongoDB. */
@NullMarked
package id.aduan.cases.domain;

import org.jspecify.annotations.NullMarked;
