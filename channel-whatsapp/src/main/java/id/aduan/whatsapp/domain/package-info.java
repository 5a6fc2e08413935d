/**
 * WhatsApp's rules as plain Java: signatures, webhook normalization. No Spring, Kafka or MongoDB.
 */
@NullMarked
package id.aduan.whatsapp.domain;

import org.jspecify.annotations.NullMarked;
