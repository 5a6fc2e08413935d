/** Who is calling (role, agency, division) and what each role may do (docs/adr/0021). */
@NullMarked
package id.aduan.cases.security;

import org.jspecify.annotations.NullMarked;
