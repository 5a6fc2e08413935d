package id.aduan.sla.application;

import id.aduan.agency.Agency;
import id.aduan.sla.domain.WorkingDays;

/** The working-day calendar an agency counts on (national holidays and its own days off). */
@FunctionalInterface
public interface WorkingCalendars {

  WorkingDays of(Agency agency);
}
