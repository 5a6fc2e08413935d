/**
 * The case service's use cases: a citizen message opens or joins a case, a front-desk complaint is
 * registered, an officer moves a case through its lifecycle. Each loads a case, lets the domain
 * decide, and writes the case with its events in one document (the embedded outbox).
 */
@NullMarked
package id.aduan.cases.application;

import org.jspecify.annotations.NullMarked;
