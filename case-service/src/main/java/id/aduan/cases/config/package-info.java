/** Wiring and typed settings of case-service: security, officers, OpenAPI, PII, dead letters. */
@NullMarked
package id.aduan.cases.config;

import org.jspecify.annotations.NullMarked;
