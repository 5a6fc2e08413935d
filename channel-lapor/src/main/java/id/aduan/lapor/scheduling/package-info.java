/** The timers that poll LAPOR! and synchronise its category tree. */
@NullMarked
package id.aduan.lapor.scheduling;

import org.jspecify.annotations.NullMarked;
