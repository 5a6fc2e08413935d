/** What the channels' webhook endpoints answer alike: problem details, counting, Kafka outages. */
@NullMarked
package id.aduan.web;

import org.jspecify.annotations.NullMarked;
