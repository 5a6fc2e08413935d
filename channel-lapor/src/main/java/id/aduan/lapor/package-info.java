/** SP4N-LAPOR! both ways: pulls dispositioned reports, pushes follow-ups and status. */
@NullMarked
package id.aduan.lapor;

import org.jspecify.annotations.NullMarked;
