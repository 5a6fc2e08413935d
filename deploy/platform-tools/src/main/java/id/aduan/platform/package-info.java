/**
 * The small programs the local platform runs beside the services: the MongoDB-protocol server on
 * disk, the topic creator and the provider sandbox. Not used in production.
 */
@NullMarked
package id.aduan.platform;

import org.jspecify.annotations.NullMarked;
