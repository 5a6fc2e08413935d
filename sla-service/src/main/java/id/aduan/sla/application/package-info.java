/**
 * What sla-service does with a case event: load the case's clocks through {@link
 * id.aduan.sla.application.ClockRepository}, let each {@link id.aduan.sla.domain.SlaClock} decide,
 * save the new clock with its event, publish. No Kafka or MongoDB here: the ports are implemented
 * in {@code persistence} and {@code scheduling} (and in memory by the tests).
 */
@NullMarked
package id.aduan.sla.application;

import org.jspecify.annotations.NullMarked;
