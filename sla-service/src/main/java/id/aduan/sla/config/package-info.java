/** Wiring and typed settings of sla-service, and the health of its holiday calendar. */
@NullMarked
package id.aduan.sla.config;

import org.jspecify.annotations.NullMarked;
