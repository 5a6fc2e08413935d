/**
 * The LAPOR! rules as plain Java: the report, the port to LAPOR!, normalization, status table and
 * watermark.
 */
@NullMarked
package id.aduan.lapor.domain;

import org.jspecify.annotations.NullMarked;
