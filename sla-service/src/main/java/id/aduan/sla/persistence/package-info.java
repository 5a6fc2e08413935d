/** MongoDB: the clocks, their due slots and fired levels, and the holiday calendar file. */
@NullMarked
package id.aduan.sla.persistence;

import org.jspecify.annotations.NullMarked;
