package id.aduan.sla.config;

import id.aduan.sla.application.ClockRepository;
import id.aduan.sla.application.DeadlineTracking;
import id.aduan.sla.application.DueFiling;
import id.aduan.sla.application.WorkingCalendars;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the application's deadline tracking to its MongoDB and scheduling adapters. */
@Configuration(proxyBeanMethods = false)
class TrackingConfiguration {

  @Bean
  DeadlineTracking deadlineTracking(
      ClockRepository clocks,
      DueFiling schedules,
      WorkingCalendars calendars,
      SlaProperties properties,
      MeterRegistry meters,
      Clock clock) {
    return new DeadlineTracking(
        clocks, schedules, calendars, properties.defaultWorkingDays(), meters, clock);
  }
}
