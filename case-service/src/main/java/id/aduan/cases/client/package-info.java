/** Outbound calls of the case service: reading the other services' metrics for operations. */
@NullMarked
package id.aduan.cases.client;

import org.jspecify.annotations.NullMarked;
