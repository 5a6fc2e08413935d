/**
 * What the services' web endpoints do alike: request bodies bounded while they stream, and the
 * channels' webhook answers (problem details, counting, Kafka outages).
 */
@NullMarked
package id.aduan.support.web;

import org.jspecify.annotations.NullMarked;
