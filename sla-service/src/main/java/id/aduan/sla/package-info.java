/**
 * The SLA service: the deadlines each agency's standard promises, and what happens near and past
 * them.
 */
@NullMarked
package id.aduan.sla;

import org.jspecify.annotations.NullMarked;
