/**
 * Personal data under UU PDP 27/2022: NIK and phone numbers encrypted at rest with a keyed hash for
 * exact lookup, masked in views, every clear read audited (docs/adr/0020).
 */
@NullMarked
package id.aduan.cases.pii;

import org.jspecify.annotations.NullMarked;
